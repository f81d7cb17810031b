/**
 * The kick-off of a Bulk Data `$export` (FHIR Bulk Data 2.0.0, 1.0.1-compatible) read from a GET query or a POST
 * `Parameters` body into one {@link ExportRequest}. Only syntax is checked here; types, scopes and groups are
 * decided by the service. Unknown or unsupported parameters are 400s, or, with `Prefer: handling=lenient`,
 * ignored and reported in `ignored` (OperationOutcome issues for the manifest's `error` files).
 * @see https://hl7.org/fhir/uv/bulkdata/STU2/export.html
 */
import { invalid, notSupported, type IssueInput } from '#facade/fhir';

/** The three spellings of NDJSON a server SHALL accept. */
export const NDJSON_FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);
/** `includeAssociatedData` values served: our Provenance is both the latest and the relevant one. */
const PROVENANCE_VALUES = new Set(['LatestProvenanceResources', 'RelevantProvenanceResources']);
const KNOWN = new Set(['_outputFormat', '_since', '_type', '_typeFilter', '_elements', 'patient', 'includeAssociatedData']);
/** Parameters that steer the HTTP answer and are not part of the export. */
const PASSED_ON = new Set(['_format', '_pretty']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** The export level: `[base]/$export`, `[base]/Patient/$export`, `[base]/Group/[id]/$export`. */
export type ExportLevel = 'system' | 'patient' | 'group';

/** A parsed kick-off. */
export interface ExportRequest {
  level: ExportLevel;
  groupId?: string;
  /** `_since` as epoch ms. */
  since?: number;
  /** `_type`, as given (undefined: every type the caller may read). */
  types?: string[];
  /** `_typeFilter` values, `Type?query`, OR-ed per type. */
  typeFilters: string[];
  /** `_elements`: `element` (every type) or `Type.element`. */
  elements?: string[];
  /** `patient` references (POST only) as PAT_ID values. */
  patients?: number[];
  /** Include Provenance (default true; false only when includeAssociatedData names no Provenance value). */
  provenance: boolean;
  /** What was ignored under `Prefer: handling=lenient`. */
  ignored: IssueInput[];
}

/** One `Parameters.parameter` of a kick-off body. */
interface Parameter {
  name?: string;
  valueString?: string;
  valueInstant?: string;
  valueCode?: string;
  valueReference?: { reference?: string };
  [k: string]: unknown;
}

/**
 * The name/value pairs of a POST kick-off: a FHIR `Parameters` resource (`patient` as `valueReference`, the rest
 * as string, code or instant values).
 * @throws FhirError 400 for another body.
 */
export function exportParametersOf(body: unknown): [string, string][] {
  if (body === undefined || body === null) return [];
  const p = body as { resourceType?: string; parameter?: Parameter[] };
  if (p.resourceType !== 'Parameters') throw invalid('The $export POST body must be a FHIR Parameters resource', { messageCode: 'EXPORT_BODY_INVALID' });
  return (p.parameter ?? []).map((x): [string, string] => {
    const value = x.valueReference?.reference ?? x.valueString ?? x.valueInstant ?? x.valueCode ?? x.valueDateTime ?? x.valueUri;
    if (typeof x.name !== 'string' || typeof value !== 'string') throw invalid('Every $export parameter needs a name and a value', { messageCode: 'EXPORT_BODY_INVALID' });
    return [x.name, value];
  });
}

/** Comma lists, repeated or not, as one list (the spec: repeated parameters are one comma list). */
function list(values: string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * Parses the kick-off parameters.
 * @param post whether the request was a POST (only then is `patient` allowed).
 * @throws FhirError 400 for a bad or (without lenient) unsupported parameter.
 */
export function parseExportRequest(level: ExportLevel, groupId: string | undefined, params: Iterable<[string, string]>, opts: { post: boolean; lenient: boolean }): ExportRequest {
  const byName = new Map<string, string[]>();
  for (const [k, v] of params) byName.set(k, [...(byName.get(k) ?? []), v]);
  const ignored: IssueInput[] = [];
  const refuse = (param: string, diagnostics: string, status: 'invalid' | 'not-supported' = 'not-supported') => {
    if (!opts.lenient) throw status === 'invalid' ? invalid(diagnostics, { messageCode: 'EXPORT_PARAM_INVALID', expression: param }) : notSupported(diagnostics, { messageCode: 'EXPORT_PARAM_UNSUPPORTED', expression: param });
    ignored.push({ code: status === 'invalid' ? 'invalid' : 'not-supported', severity: 'warning', messageCode: 'EXPORT_PARAM_IGNORED', diagnostics: `${diagnostics} (ignored: Prefer handling=lenient)`, expression: param });
  };
  for (const name of byName.keys()) {
    if (!KNOWN.has(name) && !PASSED_ON.has(name)) refuse(name, `The $export parameter ${name} is not supported`);
  }
  const req: ExportRequest = { level, groupId, typeFilters: [], provenance: true, ignored };

  const format = byName.get('_outputFormat');
  if (format) {
    if (format.length > 1 || !NDJSON_FORMATS.has(format[0].trim().toLowerCase())) refuse('_outputFormat', `_outputFormat ${format.join(',')} is not supported; use application/fhir+ndjson`);
  }
  const since = byName.get('_since');
  if (since) {
    const ms = Date.parse(since[0]);
    if (since.length > 1 || !INSTANT.test(since[0]) || Number.isNaN(ms)) refuse('_since', `_since must be one FHIR instant with a time zone (e.g. 2024-01-01T00:00:00Z), not "${since.join(',')}"`, 'invalid');
    else req.since = ms;
  }
  const types = byName.get('_type');
  if (types) req.types = [...new Set(list(types))];
  const filters = byName.get('_typeFilter');
  if (filters) req.typeFilters = filters;
  const elements = byName.get('_elements');
  if (elements) {
    const names = list(elements);
    const bad = names.filter((e) => !/^([A-Z][A-Za-z]+\.)?[a-z][A-Za-z0-9]*$/.test(e));
    if (bad.length) refuse('_elements', `_elements values must be element names or Type.element: ${bad.join(', ')}`, 'invalid');
    else req.elements = names;
  }
  const patients = byName.get('patient');
  if (patients) {
    if (!opts.post) refuse('patient', 'The patient parameter is only accepted in a POST kick-off (Parameters body)', 'invalid');
    else if (level === 'system') refuse('patient', 'The patient parameter is not allowed at the system level', 'invalid');
    else {
      const keys = list(patients).map((ref) => /^(?:Patient\/)?([1-9][0-9]{0,9})$/.exec(ref)?.[1]);
      if (keys.some((k) => k === undefined)) refuse('patient', 'patient must be Patient/<id> references', 'invalid');
      else req.patients = [...new Set(keys.map(Number))];
    }
  }
  const associated = byName.get('includeAssociatedData');
  if (associated) {
    const values = list(associated);
    const unsupported = values.filter((v) => !PROVENANCE_VALUES.has(v));
    if (unsupported.length) refuse('includeAssociatedData', `includeAssociatedData ${unsupported.join(', ')} is not supported (served: ${[...PROVENANCE_VALUES].join(', ')})`);
    // Provenance is included by default; naming only unsupported values keeps the default (the spec's rule).
  }
  return req;
}
