import { describe, expect, it } from '@jest/globals';
import { SERVED_RESOURCE_TYPES } from '#facade/security/src/scopes/served-types.js';
import { buildConsentModel, grantedScopesFromForm, needsPatientContext, type ConsentModel } from './consent-model.js';

/** The form as the page submits it untouched: every box ticked. */
function allTicked(m: ConsentModel): Record<string, string[]> {
  const form: Record<string, string[]> = {};
  for (const i of m.items) {
    form[`keep_${i.index}`] = ['on'];
    if (i.categories) form[`cat_${i.index}`] = i.categories.map((c) => c.token);
    if (i.types) form[`type_${i.index}`] = i.types.map((t) => t.type);
  }
  return form;
}

const REQ = ['launch/patient', 'openid', 'fhirUser', 'offline_access', 'patient/Patient.rs', 'patient/Condition.rs', 'patient/Observation.read', 'patient/MedicationRequest.rs', 'bogus/Thing.x', 'system/Patient.rs'];
const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
const VITALS = 'http://terminology.hl7.org/CodeSystem/observation-category|vital-signs';
const PROBLEMS = 'http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item';

describe('consent model', () => {
  const model = buildConsentModel(REQ);

  it('lists resource scopes with plain-language labels and offers categories only for Condition/Observation', () => {
    expect(model.items.map((i) => [i.scope, i.label, i.access])).toEqual([
      ['patient/Patient.rs', 'Demographics (name, birth date, contact details)', 'See and search'],
      ['patient/Condition.rs', 'Conditions (problems, diagnoses, health concerns)', 'See and search'],
      ['patient/Observation.read', 'Lab results, vital signs and other observations', 'See and search'],
      ['patient/MedicationRequest.rs', 'Medications and prescriptions', 'See and search'],
    ]);
    expect(model.items.filter((i) => i.categories).map((i) => i.parsed.resourceType)).toEqual(['Condition', 'Observation']);
    expect(model.special.map((s) => s.scope)).toEqual(['launch/patient', 'openid', 'fhirUser', 'offline_access']);
    expect(model.offlineAccess).toBe(true);
    expect(model.ignored).toEqual(['bogus/Thing.x', 'system/Patient.rs']);
  });

  it('grants everything that stayed ticked, and the special scopes', () => {
    expect(grantedScopesFromForm(model, allTicked(model))).toEqual(['launch/patient', 'openid', 'fhirUser', 'offline_access', 'patient/Patient.rs', 'patient/Condition.rs', 'patient/Observation.read', 'patient/MedicationRequest.rs']);
  });

  it('drops deselected types and narrows to the ticked categories (v1 request becomes v2 granular scopes)', () => {
    const [pat, cond, obs] = model.items;
    const form = {
      [`keep_${pat.index}`]: 'on',
      [`keep_${cond.index}`]: 'on', [`cat_${cond.index}`]: PROBLEMS,
      [`keep_${obs.index}`]: 'on', [`cat_${obs.index}`]: [LAB, VITALS, 'http://evil|x'],
    };
    expect(grantedScopesFromForm(model, form)).toEqual([
      'launch/patient', 'openid', 'fhirUser', 'offline_access', 'patient/Patient.rs',
      `patient/Condition.rs?category=${PROBLEMS}`, `patient/Observation.rs?category=${LAB}`, `patient/Observation.rs?category=${VITALS}`,
    ]);
  });

  it('no category ticked grants nothing for that type; forged fields are ignored', () => {
    const obs = model.items[2];
    const granted = grantedScopesFromForm(model, { [`keep_${obs.index}`]: 'on', keep_99: 'on', 'scope': 'user/*.cruds', narrow_2: 'all' });
    expect(granted).toEqual(['launch/patient', 'openid', 'fhirUser', 'offline_access']);
  });

  it('knows when a patient must be in context', () => {
    expect(needsPatientContext(['openid', 'user/Patient.rs'])).toBe(false);
    expect(needsPatientContext(['user/Patient.rs', 'patient/Observation.rs'])).toBe(true);
    expect(needsPatientContext(['launch/patient'])).toBe(true);
  });

  it('a wildcard: all types ticked = the wildcard; one unticked = one scope per ticked type (v2 letters, v1 suffix kept)', () => {
    const m = buildConsentModel(['patient/*.rs', 'user/*.read'], ['Patient', 'Observation', 'Condition']);
    expect(grantedScopesFromForm(m, allTicked(m))).toEqual(['patient/*.rs', 'user/*.read']);
    const granted = grantedScopesFromForm(m, {
      keep_0: 'on', type_0: ['Patient', 'Observation', 'NotAType'],
      keep_1: 'on', type_1: 'Condition',
    });
    expect(granted).toEqual(['patient/Patient.rs', 'patient/Observation.rs', 'user/Condition.read']);
    // The old page's radio ("Share every kind of record") no longer overrides unticked boxes.
    expect(grantedScopesFromForm(m, { keep_0: 'on', narrow_0: 'all', type_0: ['Patient', 'Condition'] })).toEqual(['patient/Patient.rs', 'patient/Condition.rs']);
    expect(grantedScopesFromForm(m, { keep_0: 'on', narrow_0: 'all' })).toEqual([]);
  });

  it('a category scope: all ticked = the scope as requested; one unticked = the ticked categories only', () => {
    const m = buildConsentModel(['patient/Observation.rs']);
    const all = allTicked(m);
    expect(grantedScopesFromForm(m, all)).toEqual(['patient/Observation.rs']);
    const withoutLab = { ...all, cat_0: all.cat_0.filter((t) => t !== LAB) };
    const granted = grantedScopesFromForm(m, withoutLab);
    expect(granted).toHaveLength(all.cat_0.length - 1);
    expect(granted).toContain(`patient/Observation.rs?category=${VITALS}`);
    expect(granted.some((g) => g.includes('laboratory') || g === 'patient/Observation.rs')).toBe(false);
  });

  // The FHIR API's registry spec checks that its registry serves exactly SERVED_RESOURCE_TYPES.
  it("offers a wildcard only the types the FHIR API's registry serves", () => {
    const served = SERVED_RESOURCE_TYPES;
    const offered = buildConsentModel(['patient/*.rs']).items[0].types?.map((t) => t.type);
    expect([...(offered ?? [])].sort()).toEqual([...served].sort());
    expect(offered?.[0]).toBe('Patient');
  });
});

describe('write access on the consent screen', () => {
  const requested = ['launch/patient', 'patient/AllergyIntolerance.cruds', 'patient/Observation.write', 'patient/Condition.*', 'patient/Observation.crs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs'];
  const model = buildConsentModel(requested);
  // What the page submits untouched: every item kept and every category box ticked (issue 13: the boxes are the grant).
  const keepAll = Object.fromEntries(
    model.items.flatMap((i) => [[`keep_${i.index}`, 'on'], ...(i.categories ? [[`cat_${i.index}`, i.categories.map((c) => c.token)]] : [])]),
  );

  it('shows write access as its own item text', () => {
    expect(model.items.map((i) => i.write)).toEqual(['Add and change, delete', 'Add and change, delete', 'Add and change, delete', 'Add']);
  });

  it('grants writes only when their box stays ticked', () => {
    const withWrites = { ...keepAll, ...Object.fromEntries(model.items.map((i) => [`write_${i.index}`, 'on'])) };
    expect(grantedScopesFromForm(model, withWrites)).toEqual(requested);
    expect(grantedScopesFromForm(model, keepAll)).toEqual([
      'launch/patient', 'patient/AllergyIntolerance.rs', 'patient/Condition.read', 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs',
    ]);
  });
});
