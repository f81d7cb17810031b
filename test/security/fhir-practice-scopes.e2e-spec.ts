/**
 * Attacks on practice isolation (user/ and system/ tokens), granular category scopes, scope letters and
 * versions, malformed scopes, and revocation. Every assertion is the SAFE behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entryIds, expectOnlyPatient, expectRefused, startAttackBed, type AttackBed } from './support/fhir-attack.js';

const OBS_CAT = 'http://terminology.hl7.org/CodeSystem/observation-category';
const COND_CAT = 'http://terminology.hl7.org/CodeSystem/condition-category';

describe('practice isolation and scope attacks', () => {
  let b: AttackBed;
  const revoked = { jtis: [] as string[], grants: [] as string[], approvals: [] as { clientId: string; practiceId: number; revokedAt: number }[] };

  beforeAll(async () => {
    b = await startAttackBed({ revokedSince: async () => revoked });
  });
  afterAll(async () => b?.close());

  it("a user/ token of practice A reaches none of practice B's clinical data, by id, search or include", async () => {
    const { c, v } = b;
    const userA = await b.t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    for (const path of [`Patient/${c.cara}`, `Encounter/${v.caraVisit}`, `Condition/${v.caraProblem}`, `AllergyIntolerance/${v.caraAllergy}`,
      `Observation/lab-${c.caraLab}`, `Observation/vitals-${c.caraVitals}-height`, `Observation/occupation-${v.caraSocial}`, `DiagnosticReport/${v.caraOrder}`,
      `Provenance/Patient-${c.cara}`, `Provenance/Observation-lab-${c.caraLab}`, `Provenance/Encounter-${v.caraVisit}`]) {
      expectRefused(await b.get(userA, `/fhir/${path}`));
    }
    for (const q of [`Observation?patient=${c.cara}`, `Observation?subject=Patient/${c.cara}&_include=Observation:patient&_revinclude=Provenance:target`,
      `Patient?_id=${c.cara},${v.mergedIntoCara}`, `Condition?_id=${v.caraProblem}`, `Encounter?patient=${c.cara}`, `DiagnosticReport?_id=${v.caraOrder}`]) {
      const res = await b.get(userA, `/fhir/${q}`).expect(200);
      expect(entryIds(res).filter((id) => id !== `Patient/${v.mergedIntoCara}`)).toEqual([]);
    }
    // The practice-A chart merged into Cara is practice A's; its link must not open Cara's chart.
    const merged = await b.get(userA, `/fhir/Patient?_id=${v.mergedIntoCara}&_revinclude=Provenance:target`).expect(200);
    expect(entryIds(merged).filter((id) => id.startsWith('Patient/'))).toEqual([`Patient/${v.mergedIntoCara}`]);
    // A patient claim of another practice does not widen a user/ token, and a patient/ token whose practice
    // claim disagrees with its patient reaches nothing.
    const mixed = await b.t.mint({ scope: 'user/*.rs', practice: c.practiceA, patient: String(c.cara) });
    expectRefused(await b.get(mixed, `/fhir/Patient/${c.cara}`));
    const inconsistent = await b.t.mint({ scope: 'patient/*.rs', practice: c.practiceA, patient: String(c.cara) });
    expectRefused(await b.get(inconsistent, `/fhir/Patient/${c.cara}`));
    // A system/ token bound to a practice is confined to it like a user/ token.
    const systemA = await b.t.mint({ scope: 'system/*.rs', practice: c.practiceA });
    expectRefused(await b.get(systemA, `/fhir/Observation/lab-${c.caraLab}`));
    const all = await b.get(systemA, '/fhir/Patient?_count=1000').expect(200);
    expect(entryIds(all)).not.toContain(`Patient/${c.cara}`);
  });

  it('a multi-practice system/ token reaches exactly its named practices; none named or malformed reaches nothing', async () => {
    const { c } = b;
    const onlyA = await b.t.mint({ scope: 'system/*.rs', practices: [c.practiceA] });
    const shawsA = entryIds(await b.get(onlyA, '/fhir/Patient?name=shaw').expect(200));
    expect(shawsA).toContain(`Patient/${c.amy}`);
    expect(shawsA).not.toContain(`Patient/${c.cara}`);
    expectRefused(await b.get(onlyA, `/fhir/Observation/lab-${c.caraLab}`));
    const both = await b.t.mint({ scope: 'system/*.rs', practices: [c.practiceA, c.practiceB] });
    expect(entryIds(await b.get(both, '/fhir/Patient?name=shaw&_id=' + [c.amy, c.cara].join(',')).expect(200)).sort()).toEqual([`Patient/${c.amy}`, `Patient/${c.cara}`].sort());
    expect((await b.get(await b.t.mint({ scope: 'system/*.rs', practices: [] }), `/fhir/Patient/${c.amy}`)).status).toBe(403);
    expect((await b.get(await b.t.mint({ scope: 'system/*.rs' }), `/fhir/Patient/${c.amy}`)).status).toBe(403);
    for (const practices of [[String(c.practiceA)], `${c.practiceA},${c.practiceB}`, [c.practiceA, '1 OR 1=1'], [1.5]]) {
      expect((await b.get(await b.t.mint({ scope: 'system/*.rs', practices }), `/fhir/Patient/${c.amy}`)).status).toBe(401);
    }
    // A user/ token is bound by its single practice, whatever practices it also names.
    const user = await b.t.mint({ scope: 'user/*.rs', practice: c.practiceA, practices: [c.practiceA, c.practiceB] });
    expectRefused(await b.get(user, `/fhir/Patient/${c.cara}`));
  });

  it('public directory types of another practice are readable but expose no patient data', async () => {
    const { c, v } = b;
    const amy = await b.t.mint({ scope: 'patient/Observation.rs', patient: String(c.amy), practice: c.practiceA });
    for (const path of [`Practitioner/${v.providerB}`, `PractitionerRole/${v.providerB}`, `Location/${v.facilityB}`, `Organization/practice-${c.practiceB}`]) {
      const res = await b.get(amy, `/fhir/${path}`).expect(200);
      expect(JSON.stringify(res.body)).not.toMatch(/Patient\/|birthDate|"gender"?:"?female/);
    }
    const prov = await b.get(amy, `/fhir/Provenance/Practitioner-${v.providerB}`);
    if (prov.status === 200) expect(JSON.stringify(prov.body)).not.toMatch(/Patient\//);
  });

  it('granular Observation category scopes do not leak other categories by id, search, _id, include, Provenance or count', async () => {
    const { c } = b;
    const vitalsOnly = await b.t.mint({ scope: `patient/Observation.rs?category=${OBS_CAT}|vital-signs patient/Patient.rs patient/Provenance.rs`, patient: String(c.amy) });
    for (const path of [`Observation/lab-${c.amyLab}`, `Observation/smoking-${c.amySocial}`, `Observation/occupation-${c.amySocial}`,
      `Provenance/Observation-lab-${c.amyLab}`, `Observation/lab-${c.amyLab}/_history/1`]) {
      expectRefused(await b.get(vitalsOnly, `/fhir/${path}`));
    }
    await b.get(vitalsOnly, `/fhir/Observation/vitals-${c.amyVitals}-bp`).expect(200);
    for (const q of ['category=laboratory', `_id=lab-${c.amyLab},smoking-${c.amySocial}`, 'category:not=vital-signs', `code=2345-7`,
      `category=${OBS_CAT}|laboratory,${OBS_CAT}|vital-signs`, `_revinclude=Provenance:target&category=laboratory`]) {
      const res = await b.get(vitalsOnly, `/fhir/Observation?patient=${c.amy}&${q}`).expect(200);
      expect(entryIds(res).filter((id) => /Observation\/(lab|smoking|occupation)|Provenance\/Observation-(lab|smoking)/.test(id))).toEqual([]);
    }
    const post = await b.post(vitalsOnly, `/fhir/Observation/_search?category=vital-signs`, 'category=laboratory&category=vital-signs').expect(200);
    expect(entryIds(post)).toEqual([]);
    const count = await b.get(vitalsOnly, `/fhir/Observation?patient=${c.amy}&_summary=count`).expect(200);
    const vitals = await b.get(vitalsOnly, `/fhir/Observation?patient=${c.amy}`).expect(200);
    expect(count.body.total).toBe(vitals.body.entry.length);
    expect(vitals.body.entry.every((e: { resource: { id: string } }) => e.resource.id.startsWith('vitals-'))).toBe(true);
  });

  it('granular Condition category scopes keep problems and encounter diagnoses apart', async () => {
    const { c } = b;
    const diagnoses = await b.t.mint({ scope: `patient/Condition.rs?category=${COND_CAT}|encounter-diagnosis patient/Provenance.rs`, patient: String(c.amy) });
    expectRefused(await b.get(diagnoses, `/fhir/Condition/${c.amyProblem}`));
    expectRefused(await b.get(diagnoses, `/fhir/Provenance/Condition-${c.amyProblem}`));
    await b.get(diagnoses, `/fhir/Condition/${c.amyDiagnosis}`).expect(200);
    const res = await b.get(diagnoses, `/fhir/Condition?patient=${c.amy}&category=problem-list-item&_revinclude=Provenance:target`).expect(200);
    expect(entryIds(res)).toEqual([]);
    const problems = await b.t.mint({ scope: `patient/Condition.rs?category=${COND_CAT}|problem-list-item`, patient: String(c.amy) });
    expectRefused(await b.get(problems, `/fhir/Condition/${c.amyDiagnosis}`));
    const listed = await b.get(problems, `/fhir/Condition?patient=${c.amy}&_id=${c.amyProblem},${c.amyDiagnosis}`).expect(200);
    expect(entryIds(listed)).toEqual([`Condition/${c.amyProblem}`]);
  });

  it('scope letters and versions: v1 .read, v2 .rs, .c only, .s only, malformed and wrong-context scopes', async () => {
    const { c } = b;
    const as = (scope: string) => b.t.mint({ scope, patient: String(c.amy), practice: c.practiceA });
    const v1 = await as('patient/*.read');
    await b.get(v1, `/fhir/Observation/lab-${c.amyLab}`).expect(200);
    expectOnlyPatient(await b.get(v1, '/fhir/Observation').expect(200), c.amy);
    for (const scope of ['patient/Observation.c', 'patient/Observation.cud', 'patient/*.write', 'patient/Observation.sr', 'patient/Observation.rsx',
      'patient/observation.rs', 'Patient/Observation.rs', 'patient/Observation.RS', 'patient/Observation.read?category=laboratory',
      'patient/Observation.', 'patient/../*.rs', 'openid fhirUser launch/patient', 'patient/Observation.rs?code=2345-7%20OR%201=1', 'patient/Observation.rs?bogus=1']) {
      const tok = await as(scope);
      const read = await b.get(tok, `/fhir/Observation/vitals-${c.amyVitals}-bp`);
      expect(`${scope} -> ${read.status}`).toMatch(/ -> 40[34]$/);
      const search = await b.get(tok, `/fhir/Observation?patient=${c.amy}`);
      if (search.status === 200) expect(entryIds(search).filter((id) => id.startsWith('Observation/vitals'))).toEqual([]);
      else expect(search.status).toBe(403);
    }
    const searchOnly = await as('patient/Observation.s');
    expect((await b.get(searchOnly, `/fhir/Observation/lab-${c.amyLab}`)).status).toBe(403);
    await b.get(searchOnly, `/fhir/Observation?patient=${c.amy}`).expect(200);
    // user/ scopes without a practice claim, and patient/ scopes without a patient, reach nothing.
    expect((await b.get(await b.t.mint({ scope: 'user/*.rs' }), `/fhir/Patient/${c.amy}`)).status).toBe(403);
    expect((await b.get(await b.t.mint({ scope: 'patient/*.rs', practice: c.practiceA }), `/fhir/Patient/${c.amy}`)).status).toBe(403);
  });

  it('revocation of a token, a grant or a practice approval ends access after the poll, also on /open and for includes', async () => {
    const { c } = b;
    const open = await b.t.mint({ scope: 'patient/*.rs', patient: String(c.amy), jti: 'sec-open-1' }, { aud: 'http://fhir.test/open' });
    const viaGrant = await b.t.mint({ scope: 'patient/*.rs', patient: String(c.amy), grant: 'sec-grant-1' });
    const userA = await b.t.mint({ scope: 'user/*.rs', practice: c.practiceA, client_id: 'sec-app' });
    const userB = await b.t.mint({ scope: 'user/*.rs', practice: c.practiceB, client_id: 'sec-app' });
    await b.get(open, `/open/Observation?_include=Observation:patient`).expect(200);
    await b.get(viaGrant, `/fhir/Patient/${c.amy}`).expect(200);
    await b.get(userA, `/fhir/Patient/${c.amy}`).expect(200);
    revoked.jtis.push('sec-open-1');
    revoked.grants.push('sec-grant-1');
    revoked.approvals.push({ clientId: 'sec-app', practiceId: c.practiceA, revokedAt: Date.now() + 1000 });
    await new Promise((r) => setTimeout(r, 300));
    await b.get(open, `/open/Observation?_include=Observation:patient`).expect(401);
    await b.get(open, `/open/Patient/${c.amy}`).expect(401);
    await b.get(viaGrant, `/fhir/Observation?patient=${c.amy}`).expect(401);
    await b.get(userA, `/fhir/Patient?name=shaw`).expect(401);
    // The same app's approval at practice B is untouched.
    await b.get(userB, `/fhir/Patient/${c.cara}`).expect(200);
  });
});
