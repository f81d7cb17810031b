/**
 * Legacy rows of the document types for the registry-driven suites: a signed progress note, an unsigned imaging
 * narrative (DocumentReference + DiagnosticReport), an amended pathology report without visit, a deleted note, and
 * a PDF, a C-CDA and an uncategorised text file. Refers to the base fixtures (PAT_ID 12, VISIT_ID 40, PROV_ID 5).
 */
import { documentRow, noteRow } from './document.fixtures.js';

const CCDA = Buffer.from('<?xml version="1.0"?><ClinicalDocument xmlns="urn:hl7-org:v3"><title>CCD</title></ClinicalDocument>', 'utf8');
const LOG = Buffer.from('Day 1: 128/82\nDay 2: 131/84\n', 'utf8');

export const FIXTURE_ROWS: Readonly<Record<string, readonly object[]>> = {
  CLINICAL_NOTE: [
    noteRow(),
    noteRow({ NOTE_ID: 111, NOTE_TYPE: 'IMG', NOTE_TITLE: 'Imaging narrative', NOTE_FORMAT: 'HTML', NOTE_TEXT: '<p>No acute process.</p>', SIGNED_YN: 'N', SIGNED_AT: null, SIGNED_BY_PROV_ID: null }),
    noteRow({ NOTE_ID: 112, NOTE_TYPE: 'PATH', NOTE_TITLE: null, VISIT_ID: null, AMENDED_YN: 'Y', NOTE_FORMAT: 'RTF', NOTE_TEXT: '{\\rtf1 Benign.}' }),
    noteRow({ NOTE_ID: 113, DELETED_YN: 'Y' }),
  ],
  DOCUMENT: [
    documentRow(),
    documentRow({ DOC_ID: 121, DOC_CATEGORY: 'CCDA', LOINC_TYPE: '34133-9', TITLE: 'Continuity of Care Document', MIME_TYPE: 'application/xml', CONTENT: CCDA, SIZE_BYTES: CCDA.length, SHA1_HEX: null }),
    documentRow({ DOC_ID: 122, DOC_CATEGORY: 'OTHER', LOINC_TYPE: null, TITLE: 'Home blood pressure log', MIME_TYPE: 'text/plain', CONTENT: LOG, SIZE_BYTES: LOG.length, SHA1_HEX: null, AUTHOR_PROV_ID: null, VISIT_ID: null }),
  ],
};
