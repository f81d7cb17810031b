import type { LegacyPractice } from '#facade/legacy-db';
import { audienceTagSystem, ENDPOINT_IDS, toEndpoints, type FhirBases } from '#facade/mappers/src/endpoint/endpoint.mapper.js';

/** The two FHIR bases every practice shares. */
export type DirectoryBases = FhirBases;

/** A minimal FHIR resource shape (the Bundle is plain JSON). */
type Json = Record<string, unknown>;

export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
export { audienceTagSystem };

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
    endpoint: [{ reference: `Endpoint/${ENDPOINT_IDS.provider}` }, { reference: `Endpoint/${ENDPOINT_IDS.patient}` }],
  };
}

/**
 * The public service base URL list (ONC HTI-1, § 170.404(b)(2)): a FHIR R4 `collection` Bundle with one Endpoint
 * per FHIR base (tagged provider or patient; libs/mappers `toEndpoints`, the FHIR API's `Endpoint` resources) and one Organization per active practice (name, address, NPI) that
 * references both Endpoints. `fullUrlBase` is where the resources are listed (absolute).
 */
export function buildDirectoryBundle(practices: LegacyPractice[], bases: DirectoryBases, fullUrlBase: string, timestamp: string): Json {
  const resources = [
    ...(toEndpoints(bases) as Json[]),
    ...practices.filter((p) => p.ACTIVE_YN !== 'N').sort((a, b) => a.PRACTICE_ID - b.PRACTICE_ID).map(organization),
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp,
    entry: resources.map((r) => ({ fullUrl: `${fullUrlBase}/${r.resourceType}/${r.id}`, resource: r })),
  };
}
