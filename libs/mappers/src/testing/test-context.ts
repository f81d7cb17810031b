import type { MapperContext, MappingIssue } from '../mapper-context.js';

/** A MapperContext for tests that records reported issues. Clinic zone America/New_York unless told. */
export function testContext(timeZone = 'America/New_York'): MapperContext & { issues: MappingIssue[] } {
  const issues: MappingIssue[] = [];
  return {
    baseUrl: 'http://localhost/fhir',
    timeZone,
    identifierSystems: {
      mrn: 'urn:oid:2.16.840.1.113883.3.9999.1',
      ssn: 'http://hl7.org/fhir/sid/us-ssn',
      npi: 'http://hl7.org/fhir/sid/us-npi',
      practice: 'urn:oid:2.16.840.1.113883.3.9999.2',
    },
    report: (issue) => issues.push(issue),
    issues,
  };
}
