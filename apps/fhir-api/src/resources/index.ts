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
// Care types (issue 8, branch i8-care).
import { carePlanResource } from './care-plan.resource.js';
import { careTeamResource } from './care-team.resource.js';
import { deviceResource } from './device.resource.js';
import { goalResource } from './goal.resource.js';
import { questionnaireResponseResource } from './questionnaire-response.resource.js';

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
    carePlanResource,
    goalResource,
    careTeamResource,
    deviceResource,
    questionnaireResponseResource,
  ];
}
