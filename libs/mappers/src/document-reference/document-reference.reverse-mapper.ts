/**
 * US Core DocumentReference -> a CLINICAL_NOTE or a DOCUMENT row (the inverse of document-reference.mapper.ts and
 * binary.mapper.ts), pure. Which table is decided by the content, as the EHR keeps them (legacy README): a text
 * note (text/plain, text/html, text/rtf; UTF-8) is a clinical note (CLINICAL_NOTE, NOTE_TYPE from the LOINC type
 * through the read mapper's NOTE_TYPE table; written unsigned: docStatus preliminary); any other content is a
 * document file (DOCUMENT: PDF, JPEG, PNG, TIFF, C-CDA XML; DOC_CATEGORY from the LOINC type through
 * DOC_CATEGORY_TYPE, other LOINC types as OTHER with LOINC_TYPE). A patient-supplied upload (a patient's own token)
 * is always a DOCUMENT, text included: patients do not write the clinicians' notes. The content arrives inline
 * (`content.attachment.data`, base64): decoded, checked against the declared contentType (media type, UTF-8 for
 * notes, the file's magic bytes) and {@link MAX_DOCUMENT_BYTES}; an `attachment.url` is refused (no server-side
 * fetching). Server fields accepted and ignored: id, meta, the facade's own identifier, `date` (= CREATED_AT);
 * for notes also `context.period.start` and `attachment.creation` (the filing time). The author and the encounter
 * are returned as references for the writer to check (the author must be the token's provider; the encounter the
 * subject's).
 */
import { createHash } from 'node:crypto';
import type { LegacyClinicalNote, LegacyDocument } from '#facade/legacy-db';
import { instantToWallClock } from '#facade/time';
import { patientKey, unstorableElements, type ReverseResult, type WriteIssue } from '../common/reverse.js';
import { SYSTEM } from '../common/systems.js';
import { CLINICAL_NOTE_CATEGORY, DOC_CATEGORY_TYPE, DOCUMENT_ID_SYSTEM, FORMAT_CCDA, FORMAT_MIME_SUFFICIENT, NOTE_FORMAT, NOTE_ID_SYSTEM, NOTE_TYPE } from './document-codes.js';

/** The largest content a write accepts (decoded bytes); more is refused with 413 `too-costly`. */
export const MAX_DOCUMENT_BYTES = 512 * 1024;

/** The clinical columns of a CLINICAL_NOTE a create sets (SIGNED_YN/AMENDED_YN 'N', author and audit: the writer's). */
export type NoteColumns = Pick<LegacyClinicalNote, 'PAT_ID' | 'VISIT_ID' | 'NOTE_TYPE' | 'NOTE_TITLE' | 'NOTE_FORMAT' | 'NOTE_TEXT'>;
/** The clinical columns of a DOCUMENT a create sets (DOC_DATE null: the filing time). */
export type FileColumns = Pick<LegacyDocument, 'PAT_ID' | 'VISIT_ID' | 'DOC_CATEGORY' | 'LOINC_TYPE' | 'TITLE' | 'MIME_TYPE' | 'CONTENT' | 'SIZE_BYTES' | 'SHA1_HEX'> & { DOC_DATE: string | null };

/** What a DocumentReference writes: one row of one of the two tables, and the author the body names (PROVIDER key). */
export type DocumentReferenceRow =
  | { PAT_ID: number; table: 'CLINICAL_NOTE'; columns: NoteColumns; authorProvId: number | null }
  | { PAT_ID: number; table: 'DOCUMENT'; columns: FileColumns; authorProvId: number | null };

const T = 'DocumentReference';
const A = `${T}.content[0].attachment`;
const coding = (p: string) => [`${p}.coding.system`, `${p}.coding.code`, `${p}.coding.display`];

/** Elements the two tables can hold (or that are server fields, accepted and ignored). */
export const DOCUMENT_STORABLE: ReadonlySet<string> = new Set([
  'id', 'meta.profile', 'meta.versionId', 'meta.lastUpdated', 'identifier.system', 'identifier.value', 'status', 'docStatus',
  ...coding('type'), 'type.text', ...coding('category'), 'category.text', 'subject.reference', 'subject.display', 'date',
  'author.reference', 'author.display', 'description', 'content.attachment.contentType', 'content.attachment.data',
  'content.attachment.url', 'content.attachment.size', 'content.attachment.hash', 'content.attachment.title',
  'content.attachment.creation', 'content.format.system', 'content.format.code', 'content.format.display',
  'context.encounter.reference', 'context.encounter.display', 'context.period.start',
]);

/** The document files stored as bytes, with the magic bytes their content must start with. */
const FILE_TYPES: Readonly<Record<string, (b: Buffer) => boolean>> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/tiff': (b) => ['49492a00', '4d4d002a'].includes(b.subarray(0, 4).toString('hex')),
  'application/xml': (b) => /^(\uFEFF)?\s*</.test(b.subarray(0, 64).toString('utf8')),
  'text/xml': (b) => /^(\uFEFF)?\s*</.test(b.subarray(0, 64).toString('utf8')),
};

/** Text is checked to be UTF-8 (the only charset stored). */
const validUtf8 = (b: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

/** Note media type (without parameters) -> NOTE_FORMAT. */
const NOTE_MEDIA: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(NOTE_FORMAT).map(([k, v]) => [v.split(';')[0], k]));
/** LOINC code -> NOTE_TYPE / DOC_CATEGORY (the read mapper's tables, inverted). */
const NOTE_OF_LOINC: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(NOTE_TYPE).map(([k, c]) => [c.code, k]));
const CATEGORY_OF_LOINC: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(DOC_CATEGORY_TYPE).flatMap(([k, c]) => (c ? [[c.code, k]] : [])));
const LOINC_RE = /^[0-9]{1,7}-[0-9]$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

type Concept = { coding?: { system?: string; code?: string; display?: string }[]; text?: string };
type Attachment = { contentType?: string; data?: string; url?: string; size?: number; hash?: string; title?: string; creation?: string };
type Body = {
  identifier?: { system?: string }[]; status?: string; docStatus?: string; type?: Concept; category?: Concept[]; subject?: unknown; author?: { reference?: string }[];
  description?: string; content?: { attachment?: Attachment; format?: { system?: string; code?: string } }[]; context?: { encounter?: { reference?: string }[]; period?: { start?: string } };
};

/** `Practitioner/<n>` / `Encounter/<n>` -> n. */
function keyOf(reference: string | undefined, type: string): number | undefined {
  const m = new RegExp(`^${type}/([1-9][0-9]{0,9})$`).exec(reference ?? '');
  return m && Number(m[1]) <= 2_147_483_647 ? Number(m[1]) : undefined;
}

/** The media type and charset of a contentType (`text/plain; charset=utf-8`). */
function mediaType(contentType: string): { type: string; charset: string | undefined } {
  const [type, ...params] = contentType.split(';').map((s) => s.trim());
  const charset = params.map((p) => /^charset=("?)([^"]+)\1$/i.exec(p)?.[2]).find(Boolean);
  return { type: type.toLowerCase(), charset: charset?.toLowerCase() };
}

/** The decoded content, or the issues (no data, a url, bad base64, too large). */
function decodeContent(a: Attachment | undefined, issues: WriteIssue[]): Buffer | undefined {
  if (a?.url !== undefined) issues.push({ code: 'not-supported', expression: `${A}.url`, diagnostics: 'Content must be sent inline in attachment.data: this server does not fetch external content' });
  if (typeof a?.data !== 'string') {
    if (a?.url === undefined) issues.push({ code: 'required', expression: `${A}.data`, diagnostics: 'The content (base64 attachment.data) is required' });
    return undefined;
  }
  if (!BASE64.test(a.data)) {
    issues.push({ code: 'value', expression: `${A}.data`, diagnostics: 'attachment.data is not valid base64' });
    return undefined;
  }
  if ((a.data.length / 4) * 3 - (a.data.match(/=*$/)?.[0].length ?? 0) > MAX_DOCUMENT_BYTES) {
    issues.push({ code: 'too-costly', expression: `${A}.data`, diagnostics: `The content is larger than ${MAX_DOCUMENT_BYTES} bytes` });
    return undefined;
  }
  return Buffer.from(a.data, 'base64');
}

/** The title stored once: `description` and a type.text that is not the code's display must agree. */
function titleOf(r: Body, display: string | undefined, issues: WriteIssue[]): string | undefined {
  const own = r.type?.text !== undefined && r.type.text !== display ? r.type.text : undefined;
  if (r.description !== undefined && own !== undefined && own !== r.description) {
    issues.push({ code: 'business-rule', expression: `${T}.type.text`, diagnostics: 'type.text and description are stored as one title: they must be equal' });
  }
  const title = r.description ?? own;
  if (title !== undefined && title.length > 200) issues.push({ code: 'not-supported', expression: `${T}.description`, diagnostics: 'At most 200 characters can be stored' });
  return title;
}

/** Checks of the elements both tables share: status, category, subject, author, encounter, identifiers, format. */
function common(r: Body, issues: WriteIssue[]): { patId: number | undefined; author: number | null; visit: number | null } {
  if (r.status !== 'current') issues.push({ code: 'not-supported', expression: `${T}.status`, diagnostics: "Only status 'current' can be written" });
  (r.category ?? []).forEach((c, i) =>
    (c.coding ?? []).forEach((cd, j) => {
      if (cd.system !== CLINICAL_NOTE_CATEGORY.system || cd.code !== CLINICAL_NOTE_CATEGORY.code) issues.push({ code: 'not-supported', expression: `${T}.category[${i}].coding[${j}]`, diagnostics: 'Only the US Core category clinical-note can be stored' });
    }),
  );
  (r.identifier ?? []).forEach((id, i) => {
    // The facade's own row-key identifiers are server fields; the tables hold no other (business) identifier.
    if (id.system !== NOTE_ID_SYSTEM && id.system !== DOCUMENT_ID_SYSTEM) issues.push({ code: 'not-supported', expression: `${T}.identifier[${i}]`, diagnostics: 'Element cannot be stored by this server' });
  });
  const patId = patientKey(r.subject);
  if (patId === undefined) issues.push({ code: 'required', expression: `${T}.subject`, diagnostics: 'subject must reference Patient/<id> of this server' });
  if ((r.author?.length ?? 0) > 1) issues.push({ code: 'not-supported', expression: `${T}.author[1]`, diagnostics: 'Only one author can be stored' });
  const author = r.author?.[0] ? (keyOf(r.author[0].reference, 'Practitioner') ?? null) : null;
  if (r.author?.[0] && author === null) issues.push({ code: 'not-supported', expression: `${T}.author[0]`, diagnostics: 'The author must be Practitioner/<id> (the writing user)' });
  if ((r.context?.encounter?.length ?? 0) > 1) issues.push({ code: 'not-supported', expression: `${T}.context.encounter[1]`, diagnostics: 'Only one encounter can be stored' });
  const visit = r.context?.encounter?.[0] ? (keyOf(r.context.encounter[0].reference, 'Encounter') ?? null) : null;
  if (r.context?.encounter?.[0] && visit === null) issues.push({ code: 'value', expression: `${T}.context.encounter[0]`, diagnostics: 'context.encounter must reference Encounter/<id> of this server' });
  if ((r.content?.length ?? 0) !== 1) issues.push({ code: 'not-supported', expression: `${T}.content`, diagnostics: 'Exactly one content can be stored' });
  return { patId, author, visit };
}

function loincType(r: Body, issues: WriteIssue[]): { code: string | undefined; display: string | undefined } {
  const codings = r.type?.coding ?? [];
  const loinc = codings.filter((c) => c.system === SYSTEM.loinc);
  codings.forEach((c, i) => {
    if (c.system !== SYSTEM.loinc && !(c.system === SYSTEM.v3NullFlavor && c.code === 'UNK')) issues.push({ code: 'not-supported', expression: `${T}.type.coding[${i}]`, diagnostics: 'Only a LOINC document type can be stored' });
  });
  if (loinc.length > 1) issues.push({ code: 'not-supported', expression: `${T}.type.coding`, diagnostics: 'Only one LOINC coding can be stored' });
  if (loinc[0] && !LOINC_RE.test(loinc[0].code ?? '')) issues.push({ code: 'value', expression: `${T}.type.coding`, diagnostics: `'${String(loinc[0].code)}' is not a LOINC code` });
  return { code: loinc[0]?.code, display: loinc[0]?.display };
}

function formatCheck(r: Body, allowed: { code?: string }, issues: WriteIssue[]): void {
  const f = r.content?.[0]?.format;
  if (f && (f.system !== FORMAT_MIME_SUFFICIENT.system || f.code !== allowed.code)) issues.push({ code: 'not-supported', expression: `${T}.content[0].format`, diagnostics: `Only the format ${String(allowed.code)} can be stored for this content` });
}

function attachmentChecks(a: Attachment, bytes: Buffer, title: string | null, issues: WriteIssue[]): void {
  if (a.size !== undefined && a.size !== bytes.length) issues.push({ code: 'value', expression: `${A}.size`, diagnostics: `attachment.size ${a.size} is not the size of the data (${bytes.length})` });
  if (a.hash !== undefined && a.hash !== createHash('sha1').update(bytes).digest('base64')) issues.push({ code: 'value', expression: `${A}.hash`, diagnostics: 'attachment.hash is not the SHA-1 of the data' });
  if (a.title !== undefined && a.title !== title) issues.push({ code: 'business-rule', expression: `${A}.title`, diagnostics: 'attachment.title is the document title (description / type.text): they must be equal' });
}

function note(r: Body, a: Attachment, bytes: Buffer, format: string, charset: string | undefined, issues: WriteIssue[]): NoteColumns | undefined {
  const { code } = loincType(r, issues);
  const noteType = code === undefined ? undefined : NOTE_OF_LOINC[code];
  if (!noteType) issues.push({ code: 'not-supported', expression: `${T}.type`, diagnostics: `A clinical note needs a note type stored here (LOINC): ${Object.values(NOTE_TYPE).map((c) => c.code).join(', ')}` });
  if (r.docStatus !== undefined && r.docStatus !== 'preliminary') issues.push({ code: 'not-supported', expression: `${T}.docStatus`, diagnostics: 'Notes are written unsigned (docStatus preliminary); they are signed in the EHR' });
  if (charset !== undefined && charset !== 'utf-8') issues.push({ code: 'not-supported', expression: `${A}.contentType`, diagnostics: 'Text notes are stored as UTF-8 (charset=utf-8)' });
  const text = validUtf8(bytes) ? bytes.toString('utf8') : undefined;
  if (text === undefined) issues.push({ code: 'value', expression: `${A}.data`, diagnostics: 'The note text is not valid UTF-8' });
  const mapped = noteType ? NOTE_TYPE[noteType].display : undefined;
  const title = titleOf(r, mapped, issues);
  attachmentChecks(a, bytes, title ?? mapped ?? null, issues);
  formatCheck(r, FORMAT_MIME_SUFFICIENT, issues);
  return noteType && text !== undefined ? { PAT_ID: 0, VISIT_ID: null, NOTE_TYPE: noteType, NOTE_TITLE: title ?? null, NOTE_FORMAT: format, NOTE_TEXT: text } : undefined;
}

function file(r: Body, a: Attachment, bytes: Buffer, media: string, charset: string | undefined, timeZone: string, issues: WriteIssue[]): FileColumns | undefined {
  const { code } = loincType(r, issues);
  const category = (code && CATEGORY_OF_LOINC[code]) || 'OTHER';
  const text = NOTE_MEDIA[media] !== undefined;
  if (text && charset !== undefined && charset !== 'utf-8') issues.push({ code: 'not-supported', expression: `${A}.contentType`, diagnostics: 'Text is stored as UTF-8 (charset=utf-8)' });
  if (!(FILE_TYPES[media] ?? validUtf8)(bytes)) issues.push({ code: 'value', expression: `${A}.data`, diagnostics: text ? 'The text is not valid UTF-8' : `The content is not ${media}` });
  if (r.docStatus !== undefined && r.docStatus !== 'final') issues.push({ code: 'not-supported', expression: `${T}.docStatus`, diagnostics: 'Documents are stored as final' });
  if (a.contentType!.length > 80) issues.push({ code: 'not-supported', expression: `${A}.contentType`, diagnostics: 'At most 80 characters can be stored' });
  const title = titleOf(r, undefined, issues) ?? a.title;
  if (!title) issues.push({ code: 'required', expression: `${T}.description`, diagnostics: 'A document needs a title (description, type.text or attachment.title)' });
  attachmentChecks(a, bytes, title ?? null, issues);
  formatCheck(r, category === 'CCDA' ? FORMAT_CCDA : FORMAT_MIME_SUFFICIENT, issues);
  const start = r.context?.period?.start;
  if (start !== undefined && a.creation !== undefined && Date.parse(start) !== Date.parse(a.creation)) {
    issues.push({ code: 'business-rule', expression: `${A}.creation`, diagnostics: 'attachment.creation and context.period.start are stored as one date (DOC_DATE): they must be equal' });
  }
  let docDate: string | null = null;
  const when = start ?? a.creation;
  if (when !== undefined) {
    try {
      docDate = instantToWallClock(when, timeZone);
    } catch {
      issues.push({ code: 'value', expression: start !== undefined ? `${T}.context.period.start` : `${A}.creation`, diagnostics: 'A date-time with a time zone offset is needed' });
    }
  }
  if (!title) return undefined;
  return {
    PAT_ID: 0, VISIT_ID: null, DOC_CATEGORY: category, LOINC_TYPE: code ?? null, TITLE: title, MIME_TYPE: a.contentType!.trim(), CONTENT: bytes, SIZE_BYTES: bytes.length,
    SHA1_HEX: createHash('sha1').update(bytes).digest('hex'), DOC_DATE: docDate,
  };
}

/** Who writes: `patientSupplied` for a patient's own upload (always a DOCUMENT). */
export interface DocumentWriteOptions {
  patientSupplied?: boolean;
}

/**
 * DocumentReference -> the CLINICAL_NOTE or DOCUMENT columns it sets (`timeZone`: the clinic's, for a document's
 * date), or the issues (422; `too-costly` -> 413).
 */
export function fromDocumentReference(resource: Record<string, unknown>, timeZone: string, opts: DocumentWriteOptions = {}): ReverseResult<DocumentReferenceRow> {
  const issues: WriteIssue[] = unstorableElements(resource, DOCUMENT_STORABLE).map((expression) => ({ code: 'not-supported' as const, expression, diagnostics: 'Element cannot be stored by this server' }));
  const r = resource as Body;
  const { patId, author, visit } = common(r, issues);
  const a = r.content?.[0]?.attachment;
  const bytes = decodeContent(a, issues);
  if (typeof a?.contentType !== 'string') issues.push({ code: 'required', expression: `${A}.contentType`, diagnostics: 'contentType is required' });
  let columns: NoteColumns | FileColumns | undefined;
  let table: 'CLINICAL_NOTE' | 'DOCUMENT' | undefined;
  if (a && bytes && typeof a.contentType === 'string') {
    const { type, charset } = mediaType(a.contentType);
    if (NOTE_MEDIA[type] && !opts.patientSupplied) {
      table = 'CLINICAL_NOTE';
      columns = note(r, a, bytes, NOTE_MEDIA[type], charset, issues);
      if (r.context?.period !== undefined) issues.push({ code: 'not-supported', expression: `${T}.context.period`, diagnostics: 'A note is dated by its filing (server-assigned)' });
      if (a.creation !== undefined) issues.push({ code: 'not-supported', expression: `${A}.creation`, diagnostics: 'A note is dated by its filing (server-assigned)' });
    } else if (FILE_TYPES[type] || NOTE_MEDIA[type]) {
      table = 'DOCUMENT';
      columns = file(r, a, bytes, type, charset, timeZone, issues);
    } else {
      issues.push({ code: 'not-supported', expression: `${A}.contentType`, diagnostics: `Content types stored here: ${[...Object.keys(NOTE_MEDIA), ...Object.keys(FILE_TYPES)].join(', ')}` });
    }
  }
  if (issues.length || !columns || !table || patId === undefined) return { ok: false, issues };
  const placed = { ...columns, PAT_ID: patId, VISIT_ID: visit };
  return table === 'CLINICAL_NOTE'
    ? { ok: true, row: { PAT_ID: patId, table, columns: placed as NoteColumns, authorProvId: author } }
    : { ok: true, row: { PAT_ID: patId, table, columns: placed as FileColumns, authorProvId: author } };
}
