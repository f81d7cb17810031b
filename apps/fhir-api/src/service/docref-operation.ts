/**
 * US Core `$docref` (GET/POST `[base]/DocumentReference/$docref`): the patient's existing DocumentReferences of a
 * type in a care-date range, answered as a DocumentReference search, so paging, the patient compartment, the
 * practice and the granular scopes are exactly those of `GET DocumentReference?...`. This module only translates
 * the operation's parameters into that search:
 * - `patient` (required, one) -> `patient=<id>`; an id without documents gives an empty Bundle;
 * - `start` / `end` (dateTime) -> `period=ge<start>` / `period=le<end>` (the document's care date); with neither,
 *   every document of the type is in scope (a superset of "the most recent"), newest first;
 * - `type` (Coding, repeatable) -> `type=<system>|<code>,...`, default the CCD (LOINC 34133-9);
 * - `on-demand`: documents are never generated on demand; `true` or `false` both return the existing ones;
 * - `profile`: only the US Core DocumentReference profile (every served document conforms to it).
 * @see https://hl7.org/fhir/us/core/STU6.1/OperationDefinition-docref.html
 */
import { invalid, notSupported } from '#facade/fhir';

/** The US Core OperationDefinition of `$docref`. */
export const DOCREF_DEFINITION = 'http://hl7.org/fhir/us/core/OperationDefinition/docref';
/** The type when the client names none: C-CDA Summary of episode note (CCD). */
export const CCD_TYPE = 'http://loinc.org|34133-9';
const DOCUMENT_REFERENCE_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference';
/** Parameters steering the answer, passed on to the search as they are. */
const PASSED_ON = new Set(['_format', '_pretty']);
const KNOWN = new Set(['patient', 'start', 'end', 'type', 'on-demand', 'profile']);

/** One `Parameters.parameter` of a POST body (the value types `$docref` takes). */
interface OperationParameter {
  name?: string;
  valueId?: string;
  valueString?: string;
  valueDateTime?: string;
  valueDate?: string;
  valueBoolean?: boolean;
  valueCanonical?: string;
  valueUri?: string;
  valueCoding?: { system?: string; code?: string };
}

/**
 * The name/value pairs of a `Parameters` resource posted to `$docref` (a Coding becomes `system|code`).
 * @throws FhirError 400 when the body is not a Parameters resource or a parameter has no value of a `$docref` type.
 */
export function docrefParametersOf(body: unknown): [string, string][] {
  const resource = body as { resourceType?: unknown; parameter?: unknown } | null;
  if (!resource || resource.resourceType !== 'Parameters') throw invalid('$docref takes a Parameters resource or a form body', { messageCode: 'MSG_OP_BODY' });
  const list = Array.isArray(resource.parameter) ? (resource.parameter as OperationParameter[]) : [];
  return list.map((p) => {
    const name = typeof p?.name === 'string' ? p.name : '';
    const coding = p?.valueCoding;
    const value = coding ? (coding.system ? `${coding.system}|${coding.code ?? ''}` : coding.code) : (p?.valueId ?? p?.valueString ?? p?.valueDateTime ?? p?.valueDate ?? p?.valueCanonical ?? p?.valueUri ?? (typeof p?.valueBoolean === 'boolean' ? String(p.valueBoolean) : undefined));
    if (!name || value === undefined) throw invalid(`$docref parameter '${name}' has no value of a supported type`, { messageCode: 'MSG_OP_PARAM', expression: name || 'parameter' });
    return [name, value];
  });
}

/**
 * Translates `$docref` parameters into the DocumentReference search that answers it (see the module comment).
 * @throws FhirError 400 when `patient` is missing or repeated, a parameter is unknown or repeated where it may not
 *   be, `on-demand` is not a boolean, or `profile` names another profile than US Core DocumentReference.
 */
export function docrefSearchQuery(params: Iterable<[string, string]>): [string, string][] {
  const seen = new Map<string, string[]>();
  const out: [string, string][] = [];
  for (const [name, value] of params) {
    if (PASSED_ON.has(name)) out.push([name, value]);
    else if (!KNOWN.has(name)) throw invalid(`$docref has no parameter '${name}'`, { messageCode: 'MSG_PARAM_UNKNOWN', expression: name });
    else seen.set(name, [...(seen.get(name) ?? []), value]);
  }
  const single = (name: string): string | undefined => {
    const values = seen.get(name) ?? [];
    if (values.length > 1) throw invalid(`$docref takes at most one '${name}'`, { messageCode: 'MSG_PARAM_INVALID', expression: name });
    const v = values[0]?.trim();
    return v ? v : undefined;
  };
  const patient = single('patient');
  if (!patient) throw invalid('$docref needs the patient parameter (the id of the Patient)', { messageCode: 'MSG_PARAM_INVALID', expression: 'patient' });
  const onDemand = single('on-demand');
  if (onDemand !== undefined && onDemand !== 'true' && onDemand !== 'false') throw invalid(`on-demand must be true or false, not '${onDemand}'`, { messageCode: 'MSG_PARAM_INVALID', expression: 'on-demand' });
  for (const profile of seen.get('profile') ?? []) {
    if (profile.split('|')[0] !== DOCUMENT_REFERENCE_PROFILE) throw notSupported(`$docref serves the US Core DocumentReference profile only, not '${profile}'`, { expression: 'profile' });
  }
  const start = single('start');
  const end = single('end');
  const types = (seen.get('type') ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  out.push(['patient', patient.replace(/^Patient\//, '')], ['type', types.length ? types.join(',') : CCD_TYPE]);
  if (start) out.push(['period', `ge${start}`]);
  if (end) out.push(['period', `le${end}`]);
  out.push(['_sort', '-date']);
  return out;
}
