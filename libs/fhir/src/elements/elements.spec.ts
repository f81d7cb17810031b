import { describe, expect, it } from '@jest/globals';
import type { FhirResource } from '../types.js';
import { SUBSETTED_TAG, applyElements, applySummary, elementInfo, shapeResource } from './elements.js';

const patient: FhirResource = {
  resourceType: 'Patient',
  id: 'p1',
  meta: { lastUpdated: '2024-01-01T00:00:00Z', tag: [{ system: 'urn:x', code: 'y' }] },
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
  extension: [{ url: 'http://race', valueString: 'x' }],
  modifierExtension: [{ url: 'http://mod', valueBoolean: true }],
  identifier: [{ value: '1' }],
  active: true,
  name: [{ family: 'Smith' }],
  telecom: [{ system: 'phone', value: '555' }],
  gender: 'female',
  birthDate: '1970-01-01',
  _birthDate: { extension: [{ url: 'http://birthTime', valueDateTime: '1970-01-01T10:00:00Z' }] },
  deceasedBoolean: false,
  maritalStatus: { text: 'M' },
  multipleBirthInteger: 2,
  communication: [{ language: { text: 'en' } }],
};

const observation: FhirResource = {
  resourceType: 'Observation',
  id: 'o1',
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
  status: 'final',
  category: [{ text: 'vital-signs' }],
  code: { text: 'HR' },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2024-01-01',
  valueQuantity: { value: 70 },
  note: [{ text: 'n' }],
  interpretation: [{ text: 'N' }],
};

const keys = (r: FhirResource) => Object.keys(r).sort();
const tags = (r: FhirResource) => r.meta?.tag?.map((t) => t.code);

describe('applySummary', () => {
  it.each([
    ['true', patient, ['active', 'birthDate', '_birthDate', 'deceasedBoolean', 'gender', 'id', 'identifier', 'meta', 'name', 'resourceType', 'telecom']],
    ['text', patient, ['id', 'meta', 'resourceType', 'text']],
    ['data', patient, Object.keys(patient).filter((k) => k !== 'text')],
    ['true', observation, ['code', 'effectiveDateTime', 'id', 'resourceType', 'meta', 'status', 'subject', 'valueQuantity']],
    ['text', observation, ['code', 'id', 'meta', 'resourceType', 'status', 'text']],
  ] as const)('_summary=%s on %#', (mode, resource, expected) => {
    const out = applySummary(resource, mode);
    expect(keys(out)).toEqual([...expected].sort());
    expect(tags(out)).toContain('SUBSETTED');
  });

  it('keeps existing tags, adds SUBSETTED once and does not change the input', () => {
    const before = JSON.stringify(patient);
    const out = applySummary(applySummary(patient, 'data'), 'true');
    expect(tags(out)).toEqual(['y', 'SUBSETTED']);
    expect(out.meta?.tag?.[1]).toEqual(SUBSETTED_TAG);
    expect(out.meta?.lastUpdated).toBe('2024-01-01T00:00:00Z');
    expect(JSON.stringify(patient)).toBe(before);
  });

  it('returns the resource itself for false and count', () => {
    expect(applySummary(patient, 'false')).toBe(patient);
    expect(applySummary(patient, 'count')).toBe(patient);
  });

  it('keeps only id and meta for _summary=true on a type R4 does not define', () => {
    expect(keys(applySummary({ resourceType: 'Custom', id: 'c', foo: 1 }, 'true'))).toEqual(['id', 'meta', 'resourceType']);
  });
});

describe('applyElements', () => {
  it('keeps the requested elements, id, meta, mandatory and modifier elements, with their primitive extensions', () => {
    const out = applyElements(patient, ['birthDate', 'name']);
    expect(keys(out)).toEqual(['_birthDate', 'active', 'birthDate', 'deceasedBoolean', 'id', 'meta', 'modifierExtension', 'name', 'resourceType'].sort());
    expect(tags(out)).toEqual(['y', 'SUBSETTED']);
  });

  it('matches choice elements by base name or by typed name', () => {
    expect(keys(applyElements(observation, ['value']))).toContain('valueQuantity');
    expect(keys(applyElements(observation, ['valueQuantity']))).toContain('valueQuantity');
    const out = applyElements(observation, ['note']);
    expect(keys(out)).toEqual(['code', 'id', 'meta', 'note', 'resourceType', 'status']);
  });

  it('adds meta with the tag to a resource that had none', () => {
    expect(applyElements({ resourceType: 'Observation', id: 'x', status: 'final', code: {} }, ['status']).meta).toEqual({ tag: [SUBSETTED_TAG] });
  });
});

describe('shapeResource and elementInfo', () => {
  it('applies _summary then _elements, and nothing when neither is asked', () => {
    expect(shapeResource(patient, {})).toBe(patient);
    expect(keys(shapeResource(observation, { summary: 'data', elements: ['note'] }))).toEqual(['code', 'id', 'meta', 'note', 'resourceType', 'status']);
  });

  it('knows the R4 summary, mandatory, modifier and choice elements', () => {
    const info = elementInfo('Observation');
    expect(info?.mandatory).toEqual(new Set(['status', 'code']));
    expect(info?.choice).toEqual(['effective', 'value']);
    expect(info?.summary.has('note')).toBe(false);
    expect(elementInfo('AllergyIntolerance')?.mandatory).toEqual(new Set(['patient']));
    expect(elementInfo('toString')).toBeUndefined();
  });
});
