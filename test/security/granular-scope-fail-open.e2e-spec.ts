/**
 * REGRESSION TEST (was a medium finding of this suite, since fixed): a granular v2 scope whose query holds only result parameters (`_count`, `_sort`, `_summary`,
 * `_elements`, `_include`, `_format`, `_total`, `_cursor`) or an empty value (`category=`) grants the WHOLE type.
 * `authorize()` in apps/fhir-api/src/service/request-auth.ts turns the scope's query into search clauses with
 * `parseSearch(...).clauses`; those parameters produce no clause, the group is `and([])` = TRUE, so the "filter"
 * restricts nothing. The auth server grants any `name=value` query (apps/auth/src/oidc/smart-scopes.ts), so an app
 * registered or consented as `patient/Observation.rs?_count=10` looks restricted on the consent and licence pages
 * but reads every Observation (labs, social history) of the patient.
 * Fix (fail closed): a scope filter must yield one clause per query parameter and no result parameters; anything
 * else grants nothing (`[{ param: '_id', values: [] }]`, as for unparseable filters). Optionally refuse such
 * scopes at registration/authorization time too.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entryIds, startAttackBed, type AttackBed } from './support/fhir-attack.js';

describe('a granular scope that restricts nothing grants nothing', () => {
  let b: AttackBed;
  beforeAll(async () => {
    b = await startAttackBed();
  });
  afterAll(async () => b?.close());

  it.each(['_count=1', '_summary=count', '_sort=date', '_include=Observation:patient', '_elements=id', '_format=json', 'category=', '_total=accurate', '_cursor=x'])(
    'patient/Observation.rs?%s does not read laboratory results',
    async (query) => {
      const tok = await b.t.mint({ scope: `patient/Observation.rs?${query}`, patient: String(b.c.amy) });
      const search = await b.get(tok, `/fhir/Observation?patient=${b.c.amy}`);
      if (search.status === 200) expect(entryIds(search)).toEqual([]);
      else expect(search.status).toBe(403);
      expect([403, 404]).toContain((await b.get(tok, `/fhir/Observation/lab-${b.c.amyLab}`)).status);
    },
  );
});
