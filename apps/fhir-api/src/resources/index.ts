/** The resource registry's entries: adding a FHIR type = adding its definition here. */
import type { ResourceDefinition } from '../engine/registry/resource-definition.js';
import { allergyIntoleranceResource, conditionResource, diagnosticReportResource, encounterResource } from './clinical.resources.js';
import { locationResource, organizationResource, practitionerResource, practitionerRoleResource } from './directory.resources.js';
import { observationResource } from './observation.resource.js';
import { patientResource } from './patient.resource.js';
import type { RegistryConfig } from './registry-config.js';
import { provenanceResource } from '../service/provenance.js';
import { binaryResource, documentReferenceResource } from './document.resources.js';
import { serviceRequestResource, specimenResource } from './order.resources.js';

/** Every resource type this deployment serves. */
export function resourceDefinitions(config: RegistryConfig): ResourceDefinition[] {
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
    // Documents and orders (issue 8).
    documentReferenceResource,
    binaryResource,
    serviceRequestResource,
    specimenResource,
  ];
}
