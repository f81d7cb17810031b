import { fhirId } from '../ids.js';
import type { Reference } from './fhir-types.js';

/** Relative references to the resources this facade serves (`Patient/12`); `undefined` for a NULL key. */
export const ref = {
  patient: (patId: number): Reference => ({ reference: `Patient/${fhirId.patient(patId)}` }),
  practitioner: (provId: number | null | undefined): Reference | undefined =>
    provId ? { reference: `Practitioner/${fhirId.practitioner(provId)}` } : undefined,
  practice: (practiceId: number | null | undefined): Reference | undefined =>
    practiceId ? { reference: `Organization/${fhirId.practiceOrganization(practiceId)}` } : undefined,
  payer: (payerId: number): Reference => ({ reference: `Organization/${fhirId.payerOrganization(payerId)}` }),
  location: (facilityId: number | null | undefined): Reference | undefined =>
    facilityId ? { reference: `Location/${fhirId.location(facilityId)}` } : undefined,
  encounter: (visitId: number | null | undefined): Reference | undefined =>
    visitId ? { reference: `Encounter/${fhirId.encounter(visitId)}` } : undefined,
};
