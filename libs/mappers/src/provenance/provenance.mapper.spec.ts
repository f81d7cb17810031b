import { describe, expect, it } from '@jest/globals';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { problemRow, userRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toProvenance, type ProvenanceMapperInput } from './provenance.mapper.js';

type Json = Record<string, any>;

const provider = userRow();
const nurse = userRow({ USER_ID: 8, PROV_ID: null, ROLE_CODE: 'NURSE', LOGIN_NAME: 'nurse' });
const otherProvider = userRow({ USER_ID: 9, PROV_ID: 6, LOGIN_NAME: 'drb' });

const input = (o: Partial<ProvenanceMapperInput['audit']>, users = [provider, nurse, otherProvider]): ProvenanceMapperInput => ({
  target: { resourceType: 'Condition', id: '50' },
  audit: { ...problemRow(), ...o },
  users,
  practiceId: 1,
});

const cases: Array<{ name: string; input: ProvenanceMapperInput; agents: Array<[string, string, string | undefined]>; expect?: (p: Json) => void }> = [
  {
    name: 'created and updated by a provider user: the Practitioner authors on behalf of the practice',
    input: input({}),
    agents: [
      ['author', 'Practitioner/5', 'Organization/practice-1'],
      ['transmitter', 'Organization/practice-1', undefined],
    ],
    expect: (p) => {
      expect(p.id).toBe('Condition-50');
      expect(p.target).toEqual([{ reference: 'Condition/50' }]);
      expect(p.recorded).toBe('2024-03-02T16:40:00-05:00');
      expect(p.occurredPeriod).toEqual({ start: '2024-03-01T09:15:00-05:00', end: '2024-03-02T16:40:00-05:00' });
      expect(p.meta.versionId).toBe('3');
    },
  },
  {
    name: 'created by a nurse (no provider): the practice is the author, without onBehalfOf',
    input: input({ CREATED_BY: 8, UPDATED_BY: 8 }),
    agents: [
      ['author', 'Organization/practice-1', undefined],
      ['transmitter', 'Organization/practice-1', undefined],
    ],
  },
  {
    name: 'written by an interface (NULL user): the practice is the author',
    input: input({ CREATED_BY: null, UPDATED_BY: null }, []),
    agents: [
      ['author', 'Organization/practice-1', undefined],
      ['transmitter', 'Organization/practice-1', undefined],
    ],
  },
  {
    name: 'updated by another provider: both providers are authors',
    input: input({ CREATED_BY: 7, UPDATED_BY: 9 }),
    agents: [
      ['author', 'Practitioner/5', 'Organization/practice-1'],
      ['author', 'Practitioner/6', 'Organization/practice-1'],
      ['transmitter', 'Organization/practice-1', undefined],
    ],
  },
  {
    name: 'a creating user whose USERS row was not found counts as the practice',
    input: input({ CREATED_BY: 77, UPDATED_BY: 77 }, []),
    agents: [
      ['author', 'Organization/practice-1', undefined],
      ['transmitter', 'Organization/practice-1', undefined],
    ],
  },
];

describe('toProvenance', () => {
  it.each(cases)('$name', (c) => {
    const p = toProvenance(c.input, testContext()) as Json;
    expect(p.agent.map((a: Json) => [a.type.coding[0].code, a.who.reference, a.onBehalfOf?.reference])).toEqual(c.agents);
    c.expect?.(p);
    expectValidUsCore(p);
  });
});
