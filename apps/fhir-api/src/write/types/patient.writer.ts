/**
 * Patient update -> PATIENT (names, telecom, home address, language) and its PAT_CONTACT rows (contacts added,
 * changed, soft-deleted with ACTIVE_YN 'N'), all in one transaction; never the MRN, the practice, merge links or any
 * other column, and never the EHR's sign-in data. The Patient's version covers its contacts (`patientVersion`:
 * PATIENT.ROW_VER + every PAT_CONTACT.ROW_VER of the chart), so `If-Match` is checked against that sum: inside the
 * transaction the contact rows are read, the PATIENT UPDATE is version-checked with `If-Match - Σ contact ROW_VER`,
 * and every contact statement with the contact's own ROW_VER; any mismatch rolls everything back (412).
 */
import { preconditionFailed } from '#facade/fhir';
import { PROFILE, fhirId } from '#facade/mappers';
import { PATIENT_IDS } from '#facade/mappers/src/patient/patient.ids.js';
import { fromPatient, type PatientUpdate } from '#facade/mappers/src/patient/patient.reverse-mapper.js';
import { updatedColumns, without, type AuditStamp, type WritableType } from '../writable-type.js';
import type { StatementResult, WriteJob, WriteSql } from '../write-statements.js';

const conflict = (id: number) => preconditionFailed(`Patient/${id} or one of its contacts changed since it was read: read it again`, { messageCode: 'WRITE_VERSION_CONFLICT' });

/** The statements of one Patient update (PATIENT first: its row lock orders concurrent facade writes of the chart). */
export function* patientUpdateJob(sql: WriteSql, key: number, expected: number, row: PatientUpdate, stamp: AuditStamp): WriteJob<'ok' | 'missing' | 'stale'> {
  const kids: StatementResult = yield sql.selectWhere('PAT_CONTACT', ['CONTACT_ID', 'ROW_VER', 'ACTIVE_YN'], { PAT_ID: key }, 'CONTACT_ID');
  const version = new Map(kids.rows.map((r) => [Number(r.CONTACT_ID), { rowVer: Number(r.ROW_VER), active: r.ACTIVE_YN !== 'N' }]));
  const patientVer = expected - [...version.values()].reduce((sum, c) => sum + c.rowVer, 0);
  const res: StatementResult = yield sql.update('PATIENT', 'PAT_ID', key, patientVer, patientWriter.updateValues(row, stamp), {}, null);
  if (res.affected !== 1) {
    const now: StatementResult = yield sql.select('PATIENT', 'PAT_ID', key, ['ROW_VER']);
    return now.rows.length ? 'stale' : 'missing';
  }
  const contactUpdate = (id: number, values: Record<string, unknown>) => {
    const cur = version.get(id);
    if (!cur?.active) throw conflict(key);
    return sql.update('PAT_CONTACT', 'CONTACT_ID', id, cur.rowVer, { ...values, UPDATED_AT: stamp.at }, { PAT_ID: key, ACTIVE_YN: 'Y' }, null);
  };
  for (const c of row.contacts.change) {
    const done: StatementResult = yield contactUpdate(c.CONTACT_ID, c.columns);
    if (done.affected !== 1) throw conflict(key);
  }
  for (const id of row.contacts.remove) {
    const done: StatementResult = yield contactUpdate(id, { ACTIVE_YN: 'N' });
    if (done.affected !== 1) throw conflict(key);
  }
  for (const columns of row.contacts.add) {
    yield sql.insert('PAT_CONTACT', 'CONTACT_ID', { PAT_ID: key, ...columns, ACTIVE_YN: 'Y', UPDATED_AT: stamp.at, ROW_VER: 1 });
  }
  return 'ok';
}

export const patientWriter: WritableType<PatientUpdate> = {
  type: 'Patient',
  table: 'PATIENT',
  pk: 'PAT_ID',
  profile: PROFILE.patient,
  create: false,
  update: true,
  documentation:
    'update only (no create: charts are opened in the EHR): the official name (family, up to two given names, prefix, suffix), the usual ' +
    '(preferred) given name, the old (former) family name, home/mobile/work phones, one email, one home US address, one preferred ' +
    'language (BCP-47), and contacts (PAT_CONTACT: a contact keeps its element id contact-<id>; without an id it is added, left out it is ' +
    'made inactive; one relationship of the local table plus emergency-contact and guardian, family and one given name, one phone, one ' +
    'email, one address line, city, state, ZIP). The version (ETag) covers the contacts. Every other element (identifiers incl. MRN, ' +
    'managingOrganization, link, active, gender, birthDate, extensions, ...) must be sent unchanged (422 not-supported otherwise). Update ' +
    'requires If-Match (428 without); updateCreate false.',
  reverse: (resource, current) => (current ? fromPatient(resource, current) : { ok: false, issues: [{ code: 'not-supported', expression: 'Patient', diagnostics: 'Patients cannot be created here' }] }),
  deletedColumn: null,
  immutable: {},
  insertValues: () => {
    throw new Error('Patient create is not supported');
  },
  updateValues: (row, stamp) => ({ ...without(row, ['PAT_ID', 'contacts']), ...updatedColumns(stamp) }),
  updateJob: patientUpdateJob,
  idOf: (key) => fhirId.patient(key),
  keyOf(id) {
    return PATIENT_IDS.parse(id)?.key;
  },
};
