/**
 * The facade's FHIR Endpoints: one per FHIR base (provider/backend `/fhir`, patient `/open`), the same resources the
 * auth app's endpoint directory (ONC HTI-1 service base URLs) lists and the FHIR API serves as `Endpoint/<id>`.
 * Deployment data, not EHR rows: built from the public FHIR URL.
 */
import type { FhirResource } from '../common/fhir-types.js';

/** The two FHIR bases of a deployment. */
export interface FhirBases {
  provider: string;
  patient: string;
}

/** The FHIR bases under the public FHIR URL (`<FHIR_PUBLIC_URL>/fhir`, `/open`). */
export function fhirBasesOf(fhirPublicUrl: string): FhirBases {
  const root = fhirPublicUrl.replace(/\/+$/, '');
  return { provider: `${root}/fhir`, patient: `${root}/open` };
}

/** Ids of the two Endpoints. */
export const ENDPOINT_IDS = { provider: 'provider-api', patient: 'patient-api' } as const;

const CONNECTION_TYPE = { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'hl7-fhir-rest', display: 'HL7 FHIR' };

/** The code system of the provider/patient tag on each Endpoint, under the deployment's FHIR URL. */
export function audienceTagSystem(bases: FhirBases): string {
  return `${bases.provider.replace(/\/fhir$/, '')}/CodeSystem/endpoint-audience`;
}

function endpoint(audience: 'provider' | 'patient', name: string, bases: FhirBases): FhirResource {
  return {
    resourceType: 'Endpoint',
    id: ENDPOINT_IDS[audience],
    meta: { tag: [{ system: audienceTagSystem(bases), code: audience, display: audience === 'provider' ? 'Provider and backend apps' : 'Patient apps' }] },
    status: 'active',
    connectionType: CONNECTION_TYPE,
    name,
    payloadType: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/endpoint-payload-type', code: 'none', display: 'None' }] }],
    payloadMimeType: ['application/fhir+json', 'application/fhir+xml'],
    address: bases[audience],
  } as FhirResource;
}

/** The deployment's Endpoints: provider/backend base first, then the patient base. */
export function toEndpoints(bases: FhirBases): FhirResource[] {
  return [endpoint('provider', 'FHIR API for clinicians and backend services', bases), endpoint('patient', 'FHIR API for patients', bases)];
}
