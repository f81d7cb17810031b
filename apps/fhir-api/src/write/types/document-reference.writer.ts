/**
 * DocumentReference create (US Core "writing clinical notes") -> one CLINICAL_NOTE row (a text note, unsigned) or
 * one DOCUMENT row (a file, or anything a patient uploads), as the reverse mapper decides. In the write's transaction: the author is the token's
 * EHR user's provider (USERS.PROV_ID; a body `author` must name exactly that provider; patient and backend writes
 * have no author and CREATED_BY = the configured service user, the actor in the facade's write log), and a
 * `context.encounter` must be a visit of the same patient. The content is served back through Binary/<id>.
 */
import { FhirError } from '#facade/fhir';
import { PROFILE } from '#facade/mappers';
import { documentId } from '#facade/mappers/src/document-reference/document-codes.js';
import { fromDocumentReference, type DocumentReferenceRow } from '#facade/mappers/src/document-reference/document-reference.reverse-mapper.js';
import { newRowColumns, type AuditStamp, type WritableType } from '../writable-type.js';
import type { ColumnValues, StatementResult, WriteJob, WriteSql } from '../write-statements.js';

const businessRule = (expression: string, diagnostics: string) => FhirError.of(422, { code: 'business-rule', messageCode: 'WRITE_BUSINESS_RULE', diagnostics, expression });

/** The INSERT values of a row (the author decided by the job). */
export function documentInsertValues(row: DocumentReferenceRow, author: number | null, stamp: AuditStamp): ColumnValues {
  if (row.table === 'CLINICAL_NOTE') return { ...row.columns, AUTHOR_PROV_ID: author, SIGNED_YN: 'N', SIGNED_AT: null, SIGNED_BY_PROV_ID: null, AMENDED_YN: 'N', ...newRowColumns(stamp) };
  return { ...row.columns, DOC_DATE: row.columns.DOC_DATE ?? stamp.at, AUTHOR_PROV_ID: author, ...newRowColumns(stamp) };
}

/** A configured zone is needed by the reverse mapper (a document's date): the writer is built per deployment. */
export function documentReferenceWriter(timeZone: string): WritableType<DocumentReferenceRow> {
  return {
    type: 'DocumentReference',
    // The table of a row is the reverse mapper's choice (row.table); these name the clinical-note case.
    table: 'CLINICAL_NOTE',
    pk: 'NOTE_ID',
    profile: PROFILE.documentReference,
    create: true,
    update: false,
    documentation:
      'create only (US Core writing clinical notes). Content inline in content.attachment.data (base64, at most 512 KiB decoded: 413 ' +
      'beyond; attachment.url is refused with 422, the server fetches nothing). A text note (text/plain, text/html, text/rtf, UTF-8) ' +
      'from an EHR user or a backend service is stored as an unsigned clinical note (docStatus preliminary) whose LOINC type must be one of the note types (11506-3, 34117-2, ' +
      '11488-4, 18842-5, 28570-0, 18748-4, 11502-2, 11526-1, 34111-5, 34746-8; 422 otherwise); any other content (application/pdf, ' +
      'image/jpeg|png|tiff, application/xml or text/xml C-CDA), and anything a patient uploads (text too), is stored as a document file ' +
      'with its bytes, its LOINC type and a title. ' +
      'The author is the writing user (a body author must be that user\'s Practitioner); patient and backend writes are recorded as the ' +
      'service user, without author. context.encounter must be an encounter of the same patient. date is server-assigned. Other elements: ' +
      '422 not-supported. A create with an id: 400 (the product rule; R4 says ignore). No update; no conditional create (the EHR keeps ' +
      'no business identifier for notes or documents).',
    reverse: (resource, _current, who) => fromDocumentReference(resource, timeZone, { patientSupplied: who?.patient === true }),
    insertValues: (row, stamp) => documentInsertValues(row, null, stamp),
    updateValues: () => {
      throw new Error('DocumentReference update is not supported');
    },
    *createJob(sql: WriteSql, row: DocumentReferenceRow, stamp: AuditStamp): WriteJob<number> {
      let provider: number | null = null;
      if (stamp.user !== undefined) {
        const user: StatementResult = yield sql.selectWhere('USERS', ['USER_ID', 'PROV_ID'], { USER_ID: stamp.user }, 'USER_ID');
        const p = user.rows[0]?.PROV_ID;
        provider = p === null || p === undefined ? null : Number(p);
      }
      if (row.authorProvId !== null && row.authorProvId !== provider) {
        throw businessRule('DocumentReference.author', 'The author must be the writing user\'s Practitioner (or be left out: the server sets it)');
      }
      if (row.columns.VISIT_ID !== null) {
        const visit: StatementResult = yield sql.selectWhere('VISIT', ['VISIT_ID', 'PAT_ID'], { VISIT_ID: row.columns.VISIT_ID, DELETED_YN: 'N' }, 'VISIT_ID');
        if (Number(visit.rows[0]?.PAT_ID) !== row.PAT_ID) throw businessRule('DocumentReference.context.encounter', 'context.encounter must be an encounter of the subject');
      }
      const pk = row.table === 'CLINICAL_NOTE' ? 'NOTE_ID' : 'DOC_ID';
      const res: StatementResult = yield sql.insert(row.table, pk, documentInsertValues(row, provider, stamp));
      const key = Number(res.rows[0]?.[pk]);
      if (!Number.isSafeInteger(key) || key < 1) throw new Error(`INSERT INTO ${row.table} returned no key`);
      return key;
    },
    idOf: (key, row) => (row!.table === 'CLINICAL_NOTE' ? documentId.note(key) : documentId.document(key)),
    keyOf: () => undefined,
  };
}
