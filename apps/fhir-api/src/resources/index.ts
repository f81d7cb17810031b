/** The resource registry's entries: adding a FHIR type = one `<type>.resource.ts` entry, listed here. */
import type { ResourceEntry } from '../engine/registry/resource-entry.js';
import { provenanceResource } from '../service/provenance.js';
import { allergyIntoleranceResource } from './allergy-intolerance.resource.js';
import { conditionResource } from './condition.resource.js';
import { diagnosticReportResource } from './diagnostic-report.resource.js';
import { encounterResource } from './encounter.resource.js';
import { endpointResource } from './endpoint.resource.js';
import { locationResource } from './location.resource.js';
import { observationResource } from './observation.resource.js';
import { organizationResource } from './organization.resource.js';
import { patientResource } from './patient.resource.js';
import { practitionerRoleResource } from './practitioner-role.resource.js';
import { practitionerResource } from './practitioner.resource.js';
import type { RegistryConfig } from './registry-config.js';
import { coverageResource } from './coverage.resource.js';
import { immunizationResource } from './immunization.resource.js';
import { medicationDispenseResource } from './medication-dispense.resource.js';
import { medicationRequestResource } from './medication-request.resource.js';
import { medicationResource } from './medication.resource.js';
import { procedureResource } from './procedure.resource.js';
import { relatedPersonResource } from './related-person.resource.js';
import { binaryResource } from './binary.resource.js';
import { documentReferenceResource } from './document-reference.resource.js';
import { serviceRequestResource } from './service-request.resource.js';
import { specimenResource } from './specimen.resource.js';
// Care types (issue 8, branch i8-care).
import { carePlanResource } from './care-plan.resource.js';
import { careTeamResource } from './care-team.resource.js';
import { deviceResource } from './device.resource.js';
import { goalResource } from './goal.resource.js';
import { questionnaireResponseResource } from './questionnaire-response.resource.js';
// Patient panels for the Bulk export (issue 11, branch i11-group).
import { groupResource } from './group.resource.js';

/** Every resource type this deployment serves. */
export function resourceDefinitions(config: RegistryConfig): ResourceEntry[] {
  return [
    patientResource(config),
    observationResource(),
    encounterResource,
    conditionResource,
    allergyIntoleranceResource,
    diagnosticReportResource,
    practitionerResource,
    practitionerRoleResource,
    organizationResource,
    locationResource,
    provenanceResource,
    endpointResource,
    medicationRequestResource,
    medicationResource,
    medicationDispenseResource,
    immunizationResource,
    procedureResource,
    coverageResource,
    relatedPersonResource,
    // Documents and orders (issue 8).
    documentReferenceResource,
    binaryResource,
    serviceRequestResource,
    specimenResource,
    carePlanResource,
    goalResource,
    careTeamResource,
    deviceResource,
    questionnaireResponseResource,
    groupResource,
  ];
}
