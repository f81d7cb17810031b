import { describe, expect, it } from '@jest/globals';
import type { FhirResource } from '../common/fhir-types.js';
import { patientRow, practiceRow, providerRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { usCoreErrors } from '../testing/us-core-validator.js';
import { GROUP_KIND_SYSTEM, isPanelMember, toPcpGroup, toPracticeGroup } from './group.mapper.js';
import { PCP_GROUP_IDS, PRACTICE_GROUP_IDS } from './group.ids.js';

type Json = Record<string, any>;

const rows = [
  patientRow({ PAT_ID: 20, PCP_PROV_ID: 5 }),
  patientRow({ PAT_ID: 21, PCP_PROV_ID: 6, INACTIVE_YN: 'Y', UPDATED_AT: '2025-02-01T09:00:00' }),
  patientRow({ PAT_ID: 22, PCP_PROV_ID: 5, MERGED_INTO_PAT_ID: 20 }),
  patientRow({ PAT_ID: 23, PCP_PROV_ID: 5, PRACTICE_ID: 2 }),
  patientRow({ PAT_ID: 19, PCP_PROV_ID: null, DECEASED_YN: 'Y' }),
];

/** Base R4 validation (Group has no US Core profile) with no errors. */
function expectValidR4(resource: object): void {
  expect(usCoreErrors(resource as FhirResource)).toEqual([]);
}

describe('Group (patient panels)', () => {
  it('practice panel: every chart of the practice not merged away, sorted, inactive charts flagged, valid base R4', () => {
    const ctx = testContext();
    const g = toPracticeGroup(practiceRow(), rows, ctx) as Json;
    expectValidR4(g);
    expect(g).toMatchObject({
      id: 'practice-1',
      type: 'person',
      actual: true,
      active: true,
      name: 'Riverside Family Medicine',
      code: { coding: [{ system: GROUP_KIND_SYSTEM, code: 'practice-panel' }] },
      managingEntity: { reference: 'Organization/practice-1' },
      quantity: 3,
    });
    expect(g.member).toEqual([{ entity: { reference: 'Patient/19' } }, { entity: { reference: 'Patient/20' } }, { entity: { reference: 'Patient/21' }, inactive: true }]);
    expect(g.meta.profile).toBeUndefined();
    expect(ctx.issues).toEqual([]);
  });

  it('PCP panel: the provider\'s charts within the provider\'s practice only', () => {
    const g = toPcpGroup(providerRow(), rows, testContext()) as Json;
    expectValidR4(g);
    expect(g.id).toBe('pcp-5');
    expect(g.code.coding[0].code).toBe('pcp-panel');
    expect(g.name).toBe('Okafor, Adaeze MD');
    expect(g.managingEntity).toEqual({ reference: 'Practitioner/5' });
    // 22 merged away, 23 belongs to practice 2 although its PCP is provider 5.
    expect(g.member.map((m: Json) => m.entity.reference)).toEqual(['Patient/20']);
    expect(g.quantity).toBe(1);
  });

  it('an empty panel is a valid Group with quantity 0 and no member', () => {
    const g = toPcpGroup(providerRow({ PROV_ID: 9 }), [], testContext()) as Json;
    expectValidR4(g);
    expect(g.quantity).toBe(0);
    expect(g.member).toBeUndefined();
  });

  it('the base R4 validation bites: a missing actual or an unknown type is an error', () => {
    const g = toPracticeGroup(practiceRow(), rows, testContext()) as Json;
    const { actual: _actual, ...withoutActual } = g;
    expect(usCoreErrors(withoutActual as FhirResource).length).toBeGreaterThan(0);
    expect(usCoreErrors({ ...g, type: 'people' } as unknown as FhirResource).length).toBeGreaterThan(0);
  });

  it('versionId changes when a member joins, leaves or is edited, lastUpdated is the latest row', () => {
    const ctx = testContext();
    const version = (r: typeof rows) => (toPracticeGroup(practiceRow(), r, ctx) as Json).meta.versionId;
    const v0 = version(rows);
    expect(version([...rows].reverse())).toBe(v0);
    expect(version(rows.slice(1))).not.toBe(v0);
    expect(version(rows.map((r) => (r.PAT_ID === 20 ? { ...r, ROW_VER: r.ROW_VER + 1 } : r)))).not.toBe(v0);
    expect((toPracticeGroup(practiceRow(), rows, ctx) as Json).meta.lastUpdated).toMatch(/^2025-02-01T09:00:00/);
  });

  it('isPanelMember is the membership rule; ids are practice-<PRACTICE_ID> and pcp-<PROV_ID>', () => {
    expect(rows.filter((r) => isPanelMember(r, 1)).map((r) => r.PAT_ID)).toEqual([20, 21, 19]);
    expect(rows.filter((r) => isPanelMember(r, 1, 6)).map((r) => r.PAT_ID)).toEqual([21]);
    expect(PRACTICE_GROUP_IDS.parse('practice-7')).toEqual({ key: 7 });
    expect(PCP_GROUP_IDS.parse('practice-7')).toBeUndefined();
    expect(PCP_GROUP_IDS.format(12)).toBe('pcp-12');
  });
});
