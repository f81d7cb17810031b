/**
 * searchset Bundles (https://hl7.org/fhir/R4/bundle.html, https://hl7.org/fhir/R4/search.html#return):
 * matches and includes with `fullUrl` and `search.mode`, an optional total, self/next/previous links that keep
 * every parameter of the request, and an OperationOutcome entry for warnings.
 */
import { operationOutcome, type IssueInput, type OperationOutcome } from '../errors/operation-outcome.js';
import { encodeQueryComponent, toQueryString } from '../search/query-string.js';
import type { SearchRequest } from '../search/search-request.js';
import type { FhirResource } from '../types.js';

/** One Bundle.entry of a searchset. */
export interface BundleEntry {
  fullUrl?: string;
  resource: FhirResource;
  search: { mode: 'match' | 'include' | 'outcome' };
}

/** A Bundle as JSON. */
export interface Bundle extends FhirResource {
  resourceType: 'Bundle';
  type: 'searchset' | 'collection' | 'history' | 'batch-response' | 'transaction-response';
  timestamp?: string;
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: BundleEntry[];
}

/** What {@link buildSearchBundle} needs. */
export interface SearchBundleInput {
  /** Absolute FHIR base of the request, without a trailing slash (`https://host/fhir`). */
  baseUrl: string;
  request: SearchRequest;
  /** The page of matching resources, in order. */
  matches: readonly FhirResource[];
  /** Resources added by `_include` / `_revinclude`; duplicates of matches or of each other are dropped. */
  includes?: readonly FhirResource[];
  /** Total number of matches; left out when undefined or when the request said `_total=none`. */
  total?: number;
  /** Cursor of the next page; no `next` link when undefined. */
  nextCursor?: string;
  /** Cursor of the previous page; no `previous` link when undefined. */
  previousCursor?: string;
  /** Extra warnings to return in an OperationOutcome entry (`search.mode = outcome`). */
  warnings?: readonly IssueInput[];
  /** Bundle.timestamp (the caller's clock; this function reads none). */
  timestamp?: string;
  /** Bundle.id, e.g. a request id. */
  id?: string;
  /** `toQueryString(request, { cursor: null })` when the caller has it already (saves serialising it again). */
  queryString?: string;
}

function fullUrl(baseUrl: string, r: FhirResource): string | undefined {
  return r.id === undefined ? undefined : `${baseUrl}/${r.resourceType}/${r.id}`;
}

/** Warning issues for parameters ignored under `Prefer: handling=lenient`. */
export function ignoredParameterIssues(ignored: readonly string[]): IssueInput[] {
  return ignored.map((name) => ({
    severity: 'warning' as const,
    code: 'not-supported' as const,
    messageCode: 'SEARCH_PARAM_IGNORED',
    diagnostics: `Search parameter '${name}' was ignored`,
    expression: name,
  }));
}

/**
 * Builds a searchset Bundle. Links are `${baseUrl}/${type}?${toQueryString(request)}`; `self` keeps the current
 * cursor, `next` / `previous` carry theirs. Parameters in `request.ignored` are reported as warnings.
 */
export function buildSearchBundle(input: SearchBundleInput): Bundle {
  const { baseUrl, request } = input;
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  const typeUrl = `${base}/${request.resourceType}?`;
  // toQueryString puts `_cursor` last: every link is the query without a cursor plus its own one.
  const plain = input.queryString ?? toQueryString(request, { cursor: null });
  const withCursor = (cursor: string | undefined) => (cursor ? `${typeUrl}${plain}${plain ? '&' : ''}_cursor=${encodeQueryComponent(cursor)}` : typeUrl + plain);
  const link: { relation: string; url: string }[] = [{ relation: 'self', url: withCursor(request.cursor) }];
  if (input.nextCursor !== undefined) link.push({ relation: 'next', url: withCursor(input.nextCursor) });
  if (input.previousCursor !== undefined) link.push({ relation: 'previous', url: withCursor(input.previousCursor) });

  const entry: BundleEntry[] = [];
  const seen = new Set<string>();
  // Matches are only remembered when includes follow (to drop an included duplicate of a match).
  const dedupe = (input.includes?.length ?? 0) > 0;
  for (const resource of input.matches) {
    const url = fullUrl(base, resource);
    if (url !== undefined && dedupe) seen.add(url);
    entry.push(url === undefined ? { resource, search: { mode: 'match' } } : { fullUrl: url, resource, search: { mode: 'match' } });
  }
  for (const resource of input.includes ?? []) {
    const url = fullUrl(base, resource);
    if (url !== undefined) {
      if (seen.has(url)) continue;
      seen.add(url);
    }
    entry.push(url === undefined ? { resource, search: { mode: 'include' } } : { fullUrl: url, resource, search: { mode: 'include' } });
  }
  const issues = [...ignoredParameterIssues(request.ignored), ...(input.warnings ?? [])];
  if (issues.length > 0) {
    const outcome: OperationOutcome = operationOutcome(issues);
    entry.push({ resource: outcome, search: { mode: 'outcome' } });
  }

  const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset' };
  if (input.id !== undefined) bundle.id = input.id;
  if (input.timestamp !== undefined) bundle.timestamp = input.timestamp;
  if (input.total !== undefined && request.total !== 'none') bundle.total = input.total;
  bundle.link = link;
  if (entry.length > 0) bundle.entry = entry;
  return bundle;
}
