/**
 * The one FHIR R4 type definition of the product: the generated R4 model of `@medplum/fhirtypes` (types only,
 * nothing at run time). `FhirResource` is any R4 resource as the engine handles it (a resourceType the model
 * knows, open members: `_summary` / `_elements` shaping and the cache read members by name); the mappers emit the
 * model's own resource types (`Patient`, `Observation`, ...) so the compiler checks every element they write.
 */
import type { Meta, ResourceType } from '@medplum/fhirtypes';

export type { Coding, Meta, Resource, ResourceType } from '@medplum/fhirtypes';

/** Any FHIR R4 resource as JSON: a known `resourceType` plus open members. */
export interface FhirResource {
  resourceType: ResourceType | (string & {});
  id?: string;
  meta?: Meta;
  [element: string]: unknown;
}
