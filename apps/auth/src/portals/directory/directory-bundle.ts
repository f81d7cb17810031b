import type { LegacyPractice } from '../../../../../libs/legacy-db/src/index.js';

/** The two FHIR bases every practice shares. */
export interface DirectoryBases {
  provider: string;
  patient: string;
}

/** A minimal FHIR resource shape (the Bundle is plain JSON). */
type Json = Record<string, unknown>;

export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
const CONNECTION_TYPE = { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'hl7-fhir-rest', display: 'HL7 FHIR' };

/** The code system of the provider/patient tag on each Endpoint, under the deployment's FHIR URL. */
export function audienceTagSystem(bases: DirectoryBases): string {
  return `${bases.provider.replace(/\/fhir$/, '')}/CodeSystem/endpoint-audience`;
}

function endpoint(id: string, name: string, address: string, audience: 'provider' | 'patient', bases: DirectoryBases): Json {
  return {
    resourceType: 'Endpoint',
    id,
    meta: { tag: [{ system: audienceTagSystem(bases), code: audience, display: audience === 'provider' ? 'Provider and backend apps' : 'Patient apps' }] },
    status: 'active',
    connectionType: CONNECTION_TYPE,
    name,
    payloadType: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/endpoint-payload-type', code: 'none', display: 'None' }] }],
    payloadMimeType: ['application/fhir+json', 'application/fhir+xml'],
    address,
  };
}

function organization(p: LegacyPractice): Json {
  const line = [p.ADDR1, p.ADDR2].filter((x): x is string => !!x);
  const address = line.length || p.CITY || p.STATE || p.ZIP
    ? [{ use: 'work', type: 'both', ...(line.length ? { line } : {}), ...(p.CITY ? { city: p.CITY } : {}), ...(p.STATE ? { state: p.STATE } : {}), ...(p.ZIP ? { postalCode: p.ZIP } : {}), country: 'US' }]
    : undefined;
  const telecom = [
    ...(p.PHONE ? [{ system: 'phone', value: p.PHONE, use: 'work' }] : []),
    ...(p.EMAIL ? [{ system: 'email', value: p.EMAIL, use: 'work' }] : []),
  ];
  return {
    resourceType: 'Organization',
    id: `practice-${p.PRACTICE_ID}`,
    ...(p.NPI ? { identifier: [{ system: NPI_SYSTEM, value: p.NPI.trim() }] } : {}),
    active: true,
    name: p.PRACTICE_NAME,
    ...(telecom.length ? { telecom } : {}),
    ...(address ? { address } : {}),
    endpoint: [{ reference: 'Endpoint/provider-api' }, { reference: 'Endpoint/patient-api' }],
  };
}

/**
 * The public service base URL list (ONC HTI-1, § 170.404(b)(2)): a FHIR R4 `collection` Bundle with one Endpoint
 * per FHIR base (tagged provider or patient) and one Organization per active practice (name, address, NPI) that
 * references both Endpoints. `fullUrlBase` is where the resources are listed (absolute).
 */
export function buildDirectoryBundle(practices: LegacyPractice[], bases: DirectoryBases, fullUrlBase: string, timestamp: string): Json {
  const resources = [
    endpoint('provider-api', 'FHIR API for clinicians and backend services', bases.provider, 'provider', bases),
    endpoint('patient-api', 'FHIR API for patients', bases.patient, 'patient', bases),
    ...practices.filter((p) => p.ACTIVE_YN !== 'N').sort((a, b) => a.PRACTICE_ID - b.PRACTICE_ID).map(organization),
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp,
    entry: resources.map((r) => ({ fullUrl: `${fullUrlBase}/${r.resourceType}/${r.id}`, resource: r })),
  };
}
