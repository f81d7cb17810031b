import type { LegacyClinicalNote, LegacyDocument } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { present } from '../common/contact-builders.js';
import type { CodeableConcept, Coding, FhirResource } from '../common/fhir-types.js';
import { compact, isYes, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import {
  CLINICAL_NOTE_CATEGORY,
  DOC_CATEGORY_TYPE,
  DOCUMENT_ID_SYSTEM,
  documentId,
  FORMAT_CCDA,
  FORMAT_MIME_SUFFICIENT,
  NOTE_FORMAT,
  NOTE_ID_SYSTEM,
  NOTE_TYPE,
  UNKNOWN_TYPE,
} from './document-codes.js';

/** A DocumentReference resource. */
export type DocumentReference = FhirResource & { resourceType: 'DocumentReference' };

/** A CLINICAL_NOTE row without its text: a DocumentReference never carries the content (see Binary). */
export type NoteHeader = Omit<LegacyClinicalNote, 'NOTE_TEXT'>;
/** A DOCUMENT row without its file. */
export type DocumentHeader = Omit<LegacyDocument, 'CONTENT'>;

const LOINC_RE = /^[0-9]{1,7}-[0-9]$/;

/** The absolute URL of the Binary holding a document's content. */
function binaryUrl(id: string, ctx: MapperContext): string {
  return `${ctx.baseUrl}/Binary/${id}`;
}

function noteType(note: NoteHeader, ctx: MapperContext): CodeableConcept {
  const coding = lookupCode(NOTE_TYPE, note.NOTE_TYPE, 'CLINICAL_NOTE.NOTE_TYPE', ctx);
  return { coding: [coding ?? UNKNOWN_TYPE], text: text(note.NOTE_TITLE) ?? coding?.display ?? 'Clinical note' };
}

/** `docStatus`: unsigned drafts are preliminary, notes changed after signing amended, other signed notes final. */
function noteDocStatus(note: NoteHeader): 'preliminary' | 'amended' | 'final' {
  if (!isYes(note.SIGNED_YN)) return 'preliminary';
  return isYes(note.AMENDED_YN) ? 'amended' : 'final';
}

/**
 * CLINICAL_NOTE (without NOTE_TEXT) -> US Core 6.1.0 DocumentReference (`note-<NOTE_ID>`): type from NOTE_TYPE
 * (LOINC; an unknown code is reported and typed `UNK`), category clinical-note, docStatus from SIGNED_YN /
 * AMENDED_YN, date = CREATED_AT, author, authenticator = the signing provider, context encounter and period,
 * and one attachment whose `url` is the note's Binary (the text is never inlined: pages stay small).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-documentreference.html
 */
export function toNoteDocumentReference(note: NoteHeader, ctx: MapperContext): DocumentReference {
  const id = documentId.note(note.NOTE_ID);
  const contentType = lookupCode(NOTE_FORMAT, note.NOTE_FORMAT, 'CLINICAL_NOTE.NOTE_FORMAT', ctx) ?? 'text/plain; charset=utf-8';
  const created = toInstant(note.CREATED_AT, ctx);
  const signed = isYes(note.SIGNED_YN);
  const type = noteType(note, ctx);
  return compact<DocumentReference>({
    resourceType: 'DocumentReference',
    id,
    meta: buildMeta(note, PROFILE.documentReference, ctx),
    identifier: [{ system: NOTE_ID_SYSTEM, value: String(note.NOTE_ID) }],
    status: 'current',
    docStatus: noteDocStatus(note),
    type,
    category: [{ coding: [CLINICAL_NOTE_CATEGORY], text: 'Clinical Note' }],
    subject: ref.patient(note.PAT_ID),
    date: created,
    author: present(ref.practitioner(note.AUTHOR_PROV_ID)),
    authenticator: signed ? ref.practitioner(note.SIGNED_BY_PROV_ID) : undefined,
    description: text(note.NOTE_TITLE),
    content: [
      {
        attachment: { contentType, url: binaryUrl(id, ctx), title: type.text, creation: created },
        format: FORMAT_MIME_SUFFICIENT,
      },
    ],
    context: { encounter: note.VISIT_ID ? [ref.encounter(note.VISIT_ID)] : undefined, period: created ? { start: created } : undefined },
  });
}

function documentType(doc: DocumentHeader, ctx: MapperContext): Coding {
  const lc = text(doc.LOINC_TYPE);
  if (lc && LOINC_RE.test(lc)) return { system: 'http://loinc.org', code: lc };
  if (lc) ctx.report({ column: 'DOCUMENT.LOINC_TYPE', code: lc, message: 'Malformed LOINC code' });
  return lookupCode(DOC_CATEGORY_TYPE, doc.DOC_CATEGORY, 'DOCUMENT.DOC_CATEGORY', ctx) ?? UNKNOWN_TYPE;
}

/** SHA1_HEX (40 hex digits) -> the base64 of the hash that `Attachment.hash` holds; malformed -> undefined. */
function hashOf(sha1Hex: string | null): string | undefined {
  const hex = text(sha1Hex);
  return hex && /^[0-9a-fA-F]{40}$/.test(hex) ? Buffer.from(hex, 'hex').toString('base64') : undefined;
}

/**
 * DOCUMENT (without CONTENT) -> US Core 6.1.0 DocumentReference (`doc-<DOC_ID>`): type = LOINC_TYPE, else from
 * DOC_CATEGORY (OTHER and unknown categories typed `UNK`), category clinical-note, status current, final,
 * date = CREATED_AT (filed), context period = DOC_DATE, and one attachment pointing at the file's Binary with
 * MIME_TYPE, SIZE_BYTES and SHA1_HEX; C-CDA documents state the C-CDA format code.
 */
export function toFileDocumentReference(doc: DocumentHeader, ctx: MapperContext): DocumentReference {
  const id = documentId.document(doc.DOC_ID);
  const typeCoding = documentType(doc, ctx);
  const title = text(doc.TITLE);
  const ccda = doc.DOC_CATEGORY?.trim().toUpperCase() === 'CCDA';
  const size = Number(doc.SIZE_BYTES);
  const docDate = toInstant(doc.DOC_DATE, ctx);
  return compact<DocumentReference>({
    resourceType: 'DocumentReference',
    id,
    meta: buildMeta(doc, PROFILE.documentReference, ctx),
    identifier: [{ system: DOCUMENT_ID_SYSTEM, value: String(doc.DOC_ID) }],
    status: 'current',
    docStatus: 'final',
    type: { coding: [typeCoding], text: title },
    category: [{ coding: [CLINICAL_NOTE_CATEGORY], text: 'Clinical Note' }],
    subject: ref.patient(doc.PAT_ID),
    date: toInstant(doc.CREATED_AT, ctx),
    author: present(ref.practitioner(doc.AUTHOR_PROV_ID)),
    description: title,
    content: [
      {
        attachment: {
          contentType: text(doc.MIME_TYPE) ?? 'application/octet-stream',
          url: binaryUrl(id, ctx),
          size: Number.isSafeInteger(size) && size >= 0 ? size : undefined,
          hash: hashOf(doc.SHA1_HEX),
          title,
          creation: docDate,
        },
        format: ccda ? FORMAT_CCDA : FORMAT_MIME_SUFFICIENT,
      },
    ],
    context: { encounter: doc.VISIT_ID ? [ref.encounter(doc.VISIT_ID)] : undefined, period: docDate ? { start: docDate } : undefined },
  });
}
