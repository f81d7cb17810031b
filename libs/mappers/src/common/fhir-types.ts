/**
 * The FHIR R4 types the mappers build, all from the product's one definition: the R4 model of `@medplum/fhirtypes`
 * (datatypes) and libs/fhir's `FhirResource` (resources).
 *
 * The resource aliases below are still open records narrowed by `resourceType`; making them the model's own
 * resource types (`Patient` from '@medplum/fhirtypes', ...) is the next step and surfaces ~50 real findings in the
 * mappers (status codes typed as string, `Reference<Resource>` where the element allows only some targets,
 * primitive extensions such as `_value`): see libs/mappers/README.md.
 */
import type { FhirResource } from '#facade/fhir';

export type {
  Address,
  Annotation,
  CodeableConcept,
  Coding,
  ContactPoint,
  Extension,
  HumanName,
  Identifier,
  Meta,
  Period,
  Quantity,
  Range,
  Reference,
} from '@medplum/fhirtypes';
export type { FhirResource };

/** A resource narrowed to one `resourceType`. */
export type ResourceOf<T extends string> = FhirResource & { resourceType: T };
export type Patient = ResourceOf<'Patient'>;
export type Practitioner = ResourceOf<'Practitioner'>;
export type PractitionerRole = ResourceOf<'PractitionerRole'>;
export type Organization = ResourceOf<'Organization'>;
export type Location = ResourceOf<'Location'>;
export type Encounter = ResourceOf<'Encounter'>;
export type Condition = ResourceOf<'Condition'>;
export type AllergyIntolerance = ResourceOf<'AllergyIntolerance'>;
export type Observation = ResourceOf<'Observation'>;
export type DiagnosticReport = ResourceOf<'DiagnosticReport'>;
export type Provenance = ResourceOf<'Provenance'>;
