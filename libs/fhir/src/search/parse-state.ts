/**
 * The mutable state of one parse: the request being built and the problems found so far. Problems are collected
 * so that one 400 names every bad parameter at once.
 */
import type { IssueInput } from '../errors/operation-outcome.js';
import type { CompiledSearchSpec } from './compiled-spec.js';
import type { SearchRequest } from './search-request.js';

/** Options of {@link parseSearch}. */
export interface SearchParseOptions {
  /** IANA zone of the clinic: date values without an offset are read in it. */
  timeZone: string;
  /** `Prefer: handling=lenient`: unknown parameters / modifiers are collected in `ignored` instead of a 400. */
  lenient?: boolean;
  /** `_count` when absent. Default 50. */
  defaultCount?: number;
  /** Largest page; a larger `_count` is reduced to it. Default 1000. */
  maxCount?: number;
  /**
   * Most parameter values (all OR-values of all clauses) one search may carry; more is a 400 `too-costly`.
   * Keeps generated SQL far below SQL Server's 2100 bound parameters. Default 200.
   */
  maxValues?: number;
}

export interface ParseState {
  readonly spec: CompiledSearchSpec<unknown>;
  readonly options: SearchParseOptions;
  readonly request: SearchRequest;
  readonly issues: IssueInput[];
  /** Control parameters already seen (they may not repeat). */
  readonly seen: Set<string>;
}

/** Records an unknown/unsupported parameter: ignored when lenient, otherwise an error issue. */
export function unsupported(state: ParseState, name: string, diagnostics: string, messageCode: string): void {
  if (state.options.lenient) {
    state.request.ignored.push(name);
  } else {
    state.issues.push({ code: 'not-supported', messageCode, diagnostics, expression: name });
  }
}

/** Records a malformed value (always an error, lenient or not). */
export function invalidValue(state: ParseState, name: string, diagnostics: string, messageCode = 'MSG_PARAM_INVALID'): void {
  state.issues.push({ code: 'invalid', messageCode, diagnostics, expression: name });
}
