/**
 * Observation (vital signs) create -> VITALS, one row per measurement event: a vital sign for a patient, instant
 * and status whose row exists with this sign's columns still empty fills that row (a version-checked UPDATE, like
 * an update), so a panel's members or several vitals taken together end up in one row; otherwise a new row.
 */
import { fhirId } from '#facade/mappers';
import { fromVitalSignObservation, VITAL_SIGN_PROFILE, type VitalSignColumns } from '#facade/mappers/src/observation/vital-signs.reverse-mapper.js';
import { newRowColumns, updatedColumns, type AuditStamp, type WritableType } from '../writable-type.js';
import type { StatementResult, WriteJob, WriteSql } from '../write-statements.js';

const US_CORE_VITAL_SIGNS = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-vital-signs';

/** A configured zone is needed by the reverse mapper: the writer is built per deployment. */
export function vitalSignsWriter(timeZone: string): WritableType<VitalSignColumns> {
  const insertValues = (row: VitalSignColumns, stamp: AuditStamp) => ({ PAT_ID: row.PAT_ID, TAKEN_AT: row.TAKEN_AT, STATUS: row.STATUS, ...row.values, ...newRowColumns(stamp) });
  return {
    type: 'Observation',
    table: 'VITALS',
    pk: 'VITAL_ID',
    profile: US_CORE_VITAL_SIGNS,
    profileOf: (row) => VITAL_SIGN_PROFILE[row.slug],
    create: true,
    update: false,
    documentation:
      'create: vital signs only (category vital-signs; height, weight, BMI, blood pressure, heart and respiratory rate, temperature, ' +
      'pulse oximetry with inhaled O2 flow, head circumference, pediatric percentiles), status final|amended, effectiveDateTime with a ' +
      'time; values converted to the EHR column units; one VITALS row per event (a sign for an instant whose row lacks it fills that row). ' +
      'Other Observations and other elements: 422 not-supported. A body with an id: 400 (the product rule; R4 says ignore). No update.',
    reverse: (resource) => fromVitalSignObservation(resource, timeZone),
    insertValues,
    updateValues: (row, stamp) => ({ ...row.values, ...updatedColumns(stamp) }),
    *createJob(sql: WriteSql, row: VitalSignColumns, stamp: AuditStamp): WriteJob<number> {
      const columns = Object.keys(row.values);
      // A raw condition bypasses the entities' transformer: the wall clock in the form they store (space, not 'T').
      const takenAt = row.TAKEN_AT.replace('T', ' ');
      const sameEvent: StatementResult = yield sql.selectWhere('VITALS', ['VITAL_ID', 'ROW_VER', ...columns], { PAT_ID: row.PAT_ID, TAKEN_AT: takenAt, STATUS: row.STATUS, DELETED_YN: 'N' }, 'VITAL_ID');
      const open = sameEvent.rows.find((r) => columns.every((c) => r[c] === null || r[c] === undefined));
      if (open) {
        const filled: StatementResult = yield sql.update('VITALS', 'VITAL_ID', Number(open.VITAL_ID), Number(open.ROW_VER), { ...row.values, ...updatedColumns(stamp) }, { PAT_ID: row.PAT_ID });
        if (filled.affected === 1) return Number(open.VITAL_ID);
      }
      const res: StatementResult = yield sql.insert('VITALS', 'VITAL_ID', insertValues(row, stamp));
      return Number(res.rows[0]?.VITAL_ID);
    },
    idOf: (key, row) => fhirId.vitalSign(key, row!.slug),
    keyOf: () => undefined,
  };
}
