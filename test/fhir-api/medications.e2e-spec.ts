/**
 * Medications, immunizations, procedures, coverage and related persons over HTTP (issue 8): the Medication
 * include in both forms of medication[x], reported medications, Provenance, the payer Organization, and the
 * confinement of patient, user and granular tokens (the registry-driven suites cover searches and validation).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;  
const ids = (res: request.Response, mode?: string) =>
  (res.body.entry ?? []).filter((e: R) => !mode || e.search?.mode === mode).map((e: R) => `${e.resource.resourceType}/${e.resource.id}`);

describe('medications and other issue-8 types over HTTP', () => {
  let t: FhirTestApp;
  let c: Clinic;
  const as = (token: string, url: string) => request(t.server as never).get(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startFhirTestApp({});
    c = await seedClinic(t.factory);
  });
  afterAll(async () => t?.close());

  it('_include=MedicationRequest:medication returns the Medication of an NDC product and nothing for inline codes', async () => {
    const user = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const r = c.records;
    const res = await as(user, `/fhir/MedicationRequest?patient=${c.amy}&intent=order&_include=MedicationRequest:medication`).expect(200);
    expect(ids(res, 'match').sort()).toEqual([`MedicationRequest/${r.amyPrescription}`, `MedicationRequest/${r.amyProductPrescription}`].sort());
    expect(ids(res, 'include')).toEqual([`Medication/${r.amyProductPrescription}`]);
    const product = res.body.entry.find((e: R) => e.resource.id === String(r.amyProductPrescription) && e.resource.resourceType === 'MedicationRequest').resource;
    expect(product.medicationReference.reference).toBe(`Medication/${r.amyProductPrescription}`);
    const inline = res.body.entry.find((e: R) => e.resource.id === String(r.amyPrescription)).resource;
    expect(inline.medicationCodeableConcept.coding[0]).toMatchObject({ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '314076' });
    const only = await as(user, `/fhir/MedicationRequest?_id=${r.amyPrescription}&_include=MedicationRequest:medication`).expect(200);
    expect(ids(only)).toEqual([`MedicationRequest/${r.amyPrescription}`]);
    const medication = await as(user, `/fhir/Medication/${r.amyProductPrescription}`).expect(200);
    expect(medication.body.code.coding.map((x: R) => x.code)).toEqual(['860975', '00093-7267-01']);
    // A row without an NDC is no Medication.
    await as(user, `/fhir/Medication/${r.amyPrescription}`).expect(404);
    const dispenses = await as(user, `/fhir/MedicationDispense?patient=${c.amy}&_include=MedicationDispense:medication`).expect(200);
    expect(ids(dispenses)).toEqual([`MedicationDispense/${r.amyFill}`, `Medication/${r.amyProductPrescription}`]);
    expect(dispenses.body.entry[0].resource.authorizingPrescription).toEqual([{ reference: `MedicationRequest/${r.amyProductPrescription}` }]);
  });

  it('serves a patient-reported medication as intent plan with reportedReference, found by intent=plan', async () => {
    const user = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const res = await as(user, `/fhir/MedicationRequest?patient=${c.amy}&intent=plan`).expect(200);
    expect(ids(res)).toEqual([`MedicationRequest/${c.records.amyReportedMedication}`]);
    expect(res.body.entry[0].resource).toMatchObject({ intent: 'plan', reportedReference: { reference: `Patient/${c.amy}` } });
    expect(res.body.entry[0].resource.requester).toBeUndefined();
  });

  it('_revinclude=Provenance:target on every new type', async () => {
    const user = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    for (const type of ['MedicationRequest', 'MedicationDispense', 'Immunization', 'Procedure', 'Coverage', 'RelatedPerson']) {
      const res = await as(user, `/fhir/${type}?patient=${c.amy}&_revinclude=Provenance:target`).expect(200);
      const matches = ids(res, 'match');
      expect({ type, matches: matches.length > 0 }).toEqual({ type, matches: true });
      expect({ type, provenance: ids(res, 'include').sort() }).toEqual({ type, provenance: matches.map((m: string) => `Provenance/${m.replace('/', '-')}`).sort() });
    }
    const prov = await as(user, `/fhir/Provenance/Immunization-${c.records.amyVaccine}`).expect(200);
    expect(prov.body.agent[0].who.reference).toBe(`Practitioner/${c.provider}`);
  });

  it("the Coverage's payer is the Organization served by the Organization endpoint", async () => {
    const amy = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy), practice: c.practiceA });
    const res = await as(amy, `/fhir/Coverage?patient=${c.amy}`).expect(200);
    expect(ids(res)).toEqual([`Coverage/${c.records.amyCoverage}`]);
    const payor = res.body.entry[0].resource.payor[0].reference;
    expect(payor).toBe(`Organization/payer-${c.payer}`);
    const org = await as(amy, `/fhir/${payor}`).expect(200);
    expect(org.body.type[0].coding[0].code).toBe('pay');
    const byPayor = await as(amy, `/fhir/Coverage?patient=${c.amy}&payor=${payor}`).expect(200);
    expect(ids(byPayor)).toEqual([`Coverage/${c.records.amyCoverage}`]);
  });

  it("confines patient and user tokens: no other patient's or practice's medications, products, contacts", async () => {
    const r = c.records;
    const amy = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy), practice: c.practiceA });
    await as(amy, `/fhir/MedicationRequest/${r.caraPrescription}`).expect(404);
    await as(amy, `/fhir/RelatedPerson/contact-${r.caraContact}`).expect(404);
    expect(ids(await as(amy, `/fhir/MedicationRequest?patient=${c.cara}&intent=order`).expect(200))).toEqual([]);
    expect(ids(await as(amy, '/fhir/RelatedPerson?name=shaw').expect(200))).toEqual([`RelatedPerson/contact-${r.amyContact}`]);
    await as(amy, `/fhir/Medication/${r.amyProductPrescription}`).expect(200);
    const cara = await t.mint({ scope: 'patient/*.rs', patient: String(c.cara), practice: c.practiceB });
    await as(cara, `/fhir/Medication/${r.amyProductPrescription}`).expect(404);
    await as(cara, `/fhir/MedicationDispense/${r.amyFill}`).expect(404);
    const userB = await t.mint({ scope: 'user/*.rs', practice: c.practiceB });
    expect(ids(await as(userB, '/fhir/RelatedPerson?name=shaw').expect(200))).toEqual([`RelatedPerson/contact-${r.caraContact}`]);
    await as(userB, `/fhir/Immunization/${r.amyVaccine}`).expect(404);
  });

  it('granular scopes: MedicationRequest without Medication scope gets no included Medication', async () => {
    const r = c.records;
    const requestsOnly = await t.mint({ scope: 'patient/MedicationRequest.rs', patient: String(c.amy), practice: c.practiceA });
    const res = await as(requestsOnly, `/fhir/MedicationRequest?patient=${c.amy}&intent=order&_include=MedicationRequest:medication`).expect(200);
    expect(ids(res, 'include')).toEqual([]);
    await as(requestsOnly, `/fhir/Medication/${r.amyProductPrescription}`).expect(403);
    await as(requestsOnly, `/fhir/Immunization?patient=${c.amy}`).expect(403);
  });

  it('Immunization: refused dose is not-done with its reason; Procedure: performed period', async () => {
    const user = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const refused = await as(user, `/fhir/Immunization?patient=${c.amy}&status=not-done`).expect(200);
    expect(ids(refused)).toEqual([`Immunization/${c.records.amyRefusedVaccine}`]);
    expect(refused.body.entry[0].resource.statusReason.coding[0].code).toBe('PATOBJ');
    const proc = await as(user, `/fhir/Procedure?patient=${c.amy}&date=ge2024-03-01&code=http://www.ama-assn.org/go/cpt|93000`).expect(200);
    expect(ids(proc)).toEqual([`Procedure/${c.records.amyProcedure}`]);
    expect(proc.body.entry[0].resource.performedPeriod.start).toMatch(/^2024-03-01T09:30:00/);
  });
});
