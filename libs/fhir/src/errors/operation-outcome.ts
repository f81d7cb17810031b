/**
 * OperationOutcome construction (https://hl7.org/fhir/R4/operationoutcome.html).
 */
import type { FhirResource } from '../types.js';

/** Issue severities (https://hl7.org/fhir/R4/valueset-issue-severity.html). */
export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

/**
 * The issue types this server emits (https://hl7.org/fhir/R4/valueset-issue-type.html). `login` is what FHIR
 * uses for "authentication required"; `deleted` for a resource that existed and is gone.
 */
export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'security'
  | 'login'
  | 'unknown'
  | 'expired'
  | 'forbidden'
  | 'suppressed'
  | 'processing'
  | 'not-supported'
  | 'duplicate'
  | 'multiple-matches'
  | 'not-found'
  | 'deleted'
  | 'too-long'
  | 'code-invalid'
  | 'extension'
  | 'too-costly'
  | 'business-rule'
  | 'conflict'
  | 'transient'
  | 'lock-error'
  | 'no-store'
  | 'exception'
  | 'timeout'
  | 'incomplete'
  | 'throttled'
  | 'informational';

/** One OperationOutcome.issue as JSON. */
export interface OperationOutcomeIssue {
  severity: IssueSeverity;
  code: IssueCode;
  details?: { coding?: { system: string; code: string }[]; text?: string };
  diagnostics?: string;
  expression?: string[];
}

/** An OperationOutcome resource as JSON. */
export interface OperationOutcome extends FhirResource {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}

/**
 * Code system of the stable message codes carried in `issue.details.coding`. Codes that exist in HL7's
 * operation-outcome code system (`MSG_*`) use that system; the server's own codes use {@link LOCAL_MESSAGE_SYSTEM}.
 */
export const HL7_MESSAGE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/operation-outcome';
/** System of this server's own stable message codes (`SEARCH_*`, `FORMAT_*`, ...). */
export const LOCAL_MESSAGE_SYSTEM = 'urn:ehr-fhir-facade:message-code';

/** What a caller states about one issue; {@link buildIssue} turns it into JSON. */
export interface IssueInput {
  severity?: IssueSeverity;
  code: IssueCode;
  /** Stable message code (e.g. `MSG_NO_EXIST`, `SEARCH_PARAM_UNKNOWN`); clients may rely on it. */
  messageCode?: string;
  /** Human-readable text, safe to show to a client (never patient data, never a stack). */
  diagnostics?: string;
  /** FHIRPath expression(s) locating the issue (`Patient.birthDate`) or the offending search parameter. */
  expression?: string | string[];
}

/** Builds one issue; severity defaults to `error`. */
export function buildIssue(input: IssueInput): OperationOutcomeIssue {
  const issue: OperationOutcomeIssue = { severity: input.severity ?? 'error', code: input.code };
  if (input.messageCode) {
    const system = input.messageCode.startsWith('MSG_') ? HL7_MESSAGE_SYSTEM : LOCAL_MESSAGE_SYSTEM;
    issue.details = { coding: [{ system, code: input.messageCode }] };
    if (input.diagnostics) issue.details.text = input.diagnostics;
  }
  if (input.diagnostics) issue.diagnostics = input.diagnostics;
  if (input.expression !== undefined) {
    issue.expression = Array.isArray(input.expression) ? [...input.expression] : [input.expression];
  }
  return issue;
}

/** Builds an OperationOutcome from one or more issues (at least one: FHIR requires `issue` 1..*). */
export function operationOutcome(issues: IssueInput | readonly IssueInput[]): OperationOutcome {
  const list = Array.isArray(issues) ? issues : [issues as IssueInput];
  if (list.length === 0) throw new RangeError('An OperationOutcome needs at least one issue');
  return { resourceType: 'OperationOutcome', issue: list.map(buildIssue) };
}

/** An `information`-severity OperationOutcome stating that all went well (e.g. for a successful delete). */
export function okOutcome(diagnostics = 'All OK', messageCode?: string): OperationOutcome {
  return operationOutcome({ severity: 'information', code: 'informational', messageCode, diagnostics });
}
