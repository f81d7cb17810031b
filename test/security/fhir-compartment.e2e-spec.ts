/**
 * Attacks on the patient compartment: a patient/ token of Amy (practice A) tries to reach Bob (same practice) and
 * Cara (practice B) by id, by search parameters, by `_id` lists, by includes, through merged charts and through
 * POST `_search` bodies. Every assertion is the SAFE behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entryIds, expectOnlyPatient, expectRefused, startAttackBed, type AttackBed } from './support/fhir-attack.js';

describe('patient compartment attacks (patient/ token of Amy)', () => {
  let b: AttackBed;
  let amy: string;

  beforeAll(async () => {
    b = await startAttackBed();
    amy = await b.t.mint({ scope: 'patient/*.rs', patient: String(b.c.amy), practice: b.c.practiceA });
  });
  afterAll(async () => b?.close());

  it("refuses reads of other patients' resources by id, for every compartment type and id form", async () => {
    const { c, v } = b;
    const foreign = [
      `Patient/${c.bob}`, `Patient/${c.cara}`,
      `Encounter/${v.bobVisit}`, `Encounter/${v.caraVisit}`,
      `Condition/${v.bobProblem}`, `Condition/${v.caraProblem}`, `Condition/${v.caraDiagnosis}`,
      `AllergyIntolerance/${c.bobAllergy}`, `AllergyIntolerance/${v.caraAllergy}`,
      `Observation/lab-${v.bobLab}`, `Observation/lab-${c.caraLab}`,
      `Observation/vitals-${v.bobVitals}-bp`, `Observation/vitals-${v.bobVitals}-weight`, `Observation/vitals-${c.caraVitals}-height`,
      `Observation/smoking-${v.bobSocial}`, `Observation/occupation-${v.caraSocial}`,
      `DiagnosticReport/${v.bobOrder}`, `DiagnosticReport/${v.caraOrder}`,
      `Provenance/Patient-${c.bob}`, `Provenance/Condition-${v.bobProblem}`, `Provenance/Observation-lab-${v.bobLab}`,
      `Provenance/Observation-vitals-${v.bobVitals}-bp`, `Provenance/Encounter-${v.caraVisit}`, `Provenance/DiagnosticReport-${v.caraOrder}`,
    ];
    for (const path of foreign) {
      const res = await b.get(amy, `/fhir/${path}`);
      expectRefused(res);
      expect(JSON.stringify(res.body)).not.toMatch(/HIV|Peanut|Asthma|Student/);
      // vread of the same id is refused too.
      expectRefused(await b.get(amy, `/fhir/${path}/_history/1`));
    }
    // Amy's own rows stay readable (the refusals above are not a broken server).
    for (const path of [`Encounter/${c.amyVisit}`, `Observation/vitals-${c.amyVitals}-bp`, `Observation/smoking-${c.amySocial}`, `DiagnosticReport/${c.amyOrder}`, `Provenance/Condition-${c.amyProblem}`]) {
      await b.get(amy, `/fhir/${path}`).expect(200);
    }
  });

  it("a deleted row of another patient is 404 like a missing one (no 410 existence oracle)", async () => {
    const { c, t } = b;
    const gone = await t.factory.problem(c.bob, { DESCRIPTION: 'Deleted problem' });
    await t.factory.update('PROBLEM', 'PROB_ID', gone, { DELETED_YN: 'Y' });
    const own = await t.factory.problem(c.amy, { DESCRIPTION: 'Own deleted problem' });
    await t.factory.update('PROBLEM', 'PROB_ID', own, { DELETED_YN: 'Y' });
    await b.get(amy, `/fhir/Condition/${own}`).expect(410);
    const foreign = await b.get(amy, `/fhir/Condition/${gone}`);
    const missing = await b.get(amy, '/fhir/Condition/987654');
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body.issue[0].code).toBe(missing.body.issue[0].code);
  });

  it('conditional requests for another patient reveal nothing (no 304, no ETag or Last-Modified)', async () => {
    const { c, v } = b;
    for (const path of [`/fhir/Patient/${c.bob}`, `/fhir/Condition/${v.bobProblem}`, `/fhir/Observation/lab-${v.bobLab}`]) {
      const cond = await b.get(amy, path).set('If-None-Match', '*');
      expect(cond.status).toBe(404);
      const etag = await b.get(amy, path).set('If-None-Match', 'W/"1"');
      expect(etag.status).toBe(404);
      expect(etag.headers.etag).toBeUndefined();
      expect(etag.headers['last-modified']).toBeUndefined();
    }
  });

  it('answers cross-origin requests without credentialed CORS', async () => {
    const res = await b.get(amy, `/fhir/Patient/${b.c.amy}`).set('Origin', 'https://evil.test');
    expect(res.headers['access-control-allow-credentials']).not.toBe('true');
    expect(res.headers['access-control-allow-origin'] ?? '').not.toBe('https://evil.test');
  });

  it('confines searches whatever patient, subject or _id parameters name', async () => {
    const { c, v } = b;
    const searches = [
      `Observation?patient=${c.bob}`, `Observation?subject=Patient/${c.cara}`, `Observation?subject=${c.bob}`,
      `Observation?subject=${encodeURIComponent(`http://fhir.test/fhir/Patient/${c.bob}`)}`,
      `Observation?patient=${c.amy},${c.bob}`, `Observation?patient=${c.bob}&patient=${c.amy}`,
      `Observation?patient:missing=true`, `Observation?category=laboratory`, 'Observation?_count=1000',
      `Observation?_id=lab-${c.amyLab},lab-${v.bobLab},lab-${c.caraLab},vitals-${v.bobVitals}-bp`,
      `Condition?patient=${c.cara}`, `Condition?_id=${c.amyProblem},${v.bobProblem},${v.caraProblem}`,
      `Encounter?_id=${c.amyVisit},${v.bobVisit},${v.caraVisit}`, `Encounter?patient=${c.bob}`,
      `AllergyIntolerance?patient=${c.bob}`, `DiagnosticReport?patient=${c.cara}`, `DiagnosticReport?_id=${v.bobOrder},${c.amyOrder}`,
      `Patient?_id=${c.amy},${c.bob},${c.cara}`, 'Patient?name=shaw', 'Patient?family=baker', `Patient?identifier=123-45-6789`,
      `Patient?_id:not=${c.amy}`, 'Patient?_count=1000&_total=accurate',
    ];
    for (const s of searches) {
      const res = await b.get(amy, `/fhir/${s}`);
      expect([200, 400]).toContain(res.status);
      if (res.status === 200) expectOnlyPatient(res, c.amy);
    }
    const mixed = await b.get(amy, `/fhir/Observation?_id=lab-${c.amyLab},lab-${v.bobLab},lab-${c.caraLab}`).expect(200);
    expect(entryIds(mixed)).toEqual([`Observation/lab-${c.amyLab}`]);
    const counted = await b.get(amy, '/fhir/Observation?_summary=count').expect(200);
    const own = await b.get(amy, `/fhir/Observation?patient=${c.amy}&_summary=count`).expect(200);
    expect(counted.body.total).toBe(own.body.total);
  });

  it('never leaks through _include, _include:iterate or _revinclude=Provenance:target', async () => {
    const { c } = b;
    const urls = [
      `/fhir/Observation?patient=${c.bob}&_include=Observation:patient&_revinclude=Provenance:target`,
      `/fhir/Observation?_include=Observation:patient&_include:iterate=Observation:patient&_revinclude=Provenance:target`,
      `/fhir/Patient?_id=${c.bob}&_revinclude=Provenance:target`,
      `/fhir/Encounter?patient=${c.cara}&_revinclude=Provenance:target`,
      `/fhir/Observation?_include=*&_revinclude=*`,
    ];
    for (const u of urls) {
      const res = await b.get(amy, u);
      expect([200, 400]).toContain(res.status);
      if (res.status === 200) expectOnlyPatient(res, c.amy);
    }
  });

  it('a merged chart neither widens the compartment nor leads to the surviving chart of another patient', async () => {
    const { c, v } = b;
    // Amy's token cannot open the practice-A chart that was merged into Cara, nor Cara through it.
    expectRefused(await b.get(amy, `/fhir/Patient/${v.mergedIntoCara}`));
    // Amy's old duplicate chart is another compartment (its link points at Amy), not reachable from Amy's token.
    expectRefused(await b.get(amy, `/fhir/Patient/${v.amyDuplicate}`));
    const conds = await b.get(amy, `/fhir/Condition?patient=${v.amyDuplicate}`).expect(200);
    expect(entryIds(conds)).toEqual([]);
    // A token for the merged chart sees only its own (inactive) chart with the link, not the surviving one.
    const merged = await b.t.mint({ scope: 'patient/*.rs', patient: String(v.mergedIntoCara), practice: c.practiceA });
    const chart = await b.get(merged, `/fhir/Patient/${v.mergedIntoCara}`).expect(200);
    expect(chart.body.link?.[0]).toMatchObject({ type: 'replaced-by' });
    expectRefused(await b.get(merged, `/fhir/Patient/${c.cara}`));
    const caraObs = await b.get(merged, `/fhir/Observation?patient=${c.cara}`).expect(200);
    expect(entryIds(caraObs)).toEqual([]);
    const linked = await b.get(merged, `/fhir/Patient?_id=${v.mergedIntoCara}&_include=Patient:link`);
    if (linked.status === 200) expectOnlyPatient(linked, v.mergedIntoCara);
  });

  it('POST _search: body parameters cannot override or widen the compartment, and duplicates are AND-ed', async () => {
    const { c, v } = b;
    const forms = [
      `patient=${c.bob}`, `patient=${c.amy}&patient=${c.bob}`, `_id=lab-${v.bobLab}`, `subject=Patient/${c.cara}`,
      `_include=Observation:patient&patient=${c.bob}`,
    ];
    for (const form of forms) {
      const res = await b.post(amy, `/fhir/Observation/_search?patient=${c.amy}`, form);
      expect([200, 400]).toContain(res.status);
      if (res.status === 200) expectOnlyPatient(res, c.amy);
    }
    const viaBody = await b.post(amy, `/fhir/Observation/_search`, `patient=${c.bob}`).expect(200);
    expect(entryIds(viaBody)).toEqual([]);
    const patients = await b.post(amy, '/fhir/Patient/_search', `_id=${c.bob},${c.cara},${c.amy}`).expect(200);
    expect(entryIds(patients)).toEqual([`Patient/${c.amy}`]);
  });

  it('a patient/ token whose patient claim is not a plain id reaches nothing', async () => {
    for (const patient of [`${b.c.amy} OR 1=1`, `0${b.c.amy}`, '', `Patient/${b.c.amy}`, '-1']) {
      const tok = await b.t.mint({ scope: 'patient/*.rs', patient });
      const res = await b.get(tok, '/fhir/Observation?_count=100');
      if (res.status === 200) expect(entryIds(res)).toEqual([]);
      else expect([400, 401, 403]).toContain(res.status);
      expectRefused(await b.get(tok, `/fhir/Patient/${b.c.amy}`));
    }
  });
});
