/** Ids of the document rows (see common/id-scheme.ts): DocumentReference, Binary and narrative DiagnosticReports. */
import { prefixedIds } from '../common/id-scheme.js';

/** CLINICAL_NOTE: `note-<NOTE_ID>` (DocumentReference, its Binary, and the DiagnosticReport of IMG/LAB/PATH notes). */
export const NOTE_IDS = prefixedIds('note');
/** DOCUMENT: `doc-<DOC_ID>` (DocumentReference and its Binary). */
export const FILE_IDS = prefixedIds('doc');
