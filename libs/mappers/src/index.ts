// Public API of libs/mappers: pure legacy-row -> US Core 6.1.0 mappers, the id scheme and shared builders.
export * from './mapper-context.js';
export * from './ids.js';
export * from './common/fhir-types.js';
export * from './common/systems.js';
export * from './common/time.js';
export * from './common/meta.js';
export * from './common/references.js';
export * from './common/flags.js';
export * from './common/icd10.js';
export * from './common/contact-builders.js';
export * from './common/code-map.js';
export * as codeMaps from './common/code-maps.js';
export * from './common/data-absent-reason.js';
export * from './patient/patient.mapper.js';
export * from './patient/race-ethnicity.js';
export * from './practitioner/practitioner.mapper.js';
export * from './practitioner-role/practitioner-role.mapper.js';
export * from './organization/organization.mapper.js';
export * from './location/location.mapper.js';
export * from './encounter/encounter.mapper.js';
export * from './condition/condition.mapper.js';
export * from './allergy-intolerance/allergy-intolerance.mapper.js';
export * from './observation/observation-parts.js';
export * from './observation/vital-signs.mapper.js';
export * from './observation/lab-values.js';
export * from './observation/lab-result.mapper.js';
export * from './observation/social-history.mapper.js';
export * from './diagnostic-report/diagnostic-report.mapper.js';
export * from './provenance/provenance.mapper.js';
// Medications, immunizations, procedures, coverage and related persons (issue 8).
export * from './medication/medication.mapper.js';
export * from './medication/dosage.js';
export * from './medication-request/medication-request.mapper.js';
export * from './medication-dispense/medication-dispense.mapper.js';
export * from './immunization/immunization.mapper.js';
export * from './procedure/procedure.mapper.js';
export * from './coverage/coverage.mapper.js';
export * from './related-person/related-person.mapper.js';
// Documents, reports and orders (issue 8): DocumentReference + Binary, report-and-note DiagnosticReport,
// clinical-result Observation, ServiceRequest, Specimen.
export * from './document-reference/document-codes.js';
export * from './document-reference/document-reference.mapper.js';
export * from './document-reference/binary.mapper.js';
export * from './diagnostic-report/report-note.mapper.js';
export * from './observation/clinical-result.mapper.js';
export * from './service-request/order-codes.js';
export * from './service-request/service-request.mapper.js';
export * from './specimen/specimen.mapper.js';
