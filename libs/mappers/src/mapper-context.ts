/**
 * Everything a mapper needs besides the rows: mappers are pure (no I/O, no clock, no logging), so base URLs,
 * the clinic time zone, identifier systems and the issue sink arrive here.
 */
export interface MapperContext {
  /** Absolute FHIR base of the request (`http://host/fhir` or `/open`), for fullUrl and absolute references. */
  baseUrl: string;
  /** IANA zone of the legacy DATETIME columns. */
  timeZone: string;
  /** Identifier systems configured for the deployment. */
  identifierSystems: { mrn: string; ssn: string; npi: string; practice: string };
  /** Collects data-quality issues (unknown local codes ...) instead of throwing. Never receives PHI values. */
  report(issue: MappingIssue): void;
}

export interface MappingIssue {
  /** Legacy table and column, e.g. `PATIENT.MARITAL_STATUS`. */
  column: string;
  /** The unknown code (a local code, never free text). */
  code: string;
  message: string;
}
