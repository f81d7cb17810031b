/** Row fixtures of CLINICAL_NOTE and DOCUMENT for the document mappers' tests (invented content). */
import type { LegacyClinicalNote, LegacyDocument } from '#facade/legacy-db';

const audit = { CREATED_AT: '2024-03-01T09:45:00', CREATED_BY: 7, UPDATED_AT: '2024-03-02T16:40:00', UPDATED_BY: 7, ROW_VER: 2 };

export const noteRow = (o: Partial<LegacyClinicalNote> = {}): LegacyClinicalNote => ({
  NOTE_ID: 110, PAT_ID: 12, VISIT_ID: 40, AUTHOR_PROV_ID: 5, NOTE_TYPE: 'PN', NOTE_TITLE: 'Progress note', NOTE_FORMAT: 'TXT',
  NOTE_TEXT: 'Subjective: feels well.\nAssessment: Type 2 diabetes (E11.9) – stable.', SIGNED_YN: 'Y', SIGNED_AT: '2024-03-01T11:00:00',
  SIGNED_BY_PROV_ID: 5, AMENDED_YN: 'N', DELETED_YN: 'N', ...audit, ...o,
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

export const documentRow = (o: Partial<LegacyDocument> = {}): LegacyDocument => ({
  DOC_ID: 120, PAT_ID: 12, VISIT_ID: 40, DOC_CATEGORY: 'LAB', LOINC_TYPE: '11502-2', TITLE: 'Outside laboratory report',
  MIME_TYPE: 'application/pdf', CONTENT: PDF, SIZE_BYTES: PDF.length, SHA1_HEX: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  DOC_DATE: '2024-03-01T09:00:00', AUTHOR_PROV_ID: 5, DELETED_YN: 'N', ...audit, ...o,
});
