/**
 * The facts of one request: interaction from method and path, one event per patient, the chart aimed at when
 * nothing came back, parameter names only, the token's agents.
 */
import { describe, expect, it } from '@jest/globals';
import { parseScopes, type AccessTokenClaims } from '#facade/security';
import { auditFactsOf, interactionOf, isAudited, outcomeOf, pathSegments, patientOf, targetPatientOf } from './audit-facts.js';
import type { Caller } from '../service/request-auth.js';

const claims = { iss: 'i', aud: 'a', exp: 0, iat: 0, jti: 'j-1', client_id: 'app', scope: 'user/*.rs', sub: 'user:7', practice: 3 } as AccessTokenClaims;
const caller: Caller = { base: 'fhir', claims, scopes: parseScopes(claims.scope) };
const req = (over: Partial<Parameters<typeof auditFactsOf>[0]>) => auditFactsOf({ method: 'GET', url: '/fhir/Observation?patient=1', paramNames: [], status: 200, requestId: 'r', sourceIp: '10.0.0.9', caller, resources: [], ...over });

describe('audit facts', () => {
  it('reads the interaction from the method and the path', () => {
    expect(interactionOf('GET', ['Patient'])).toMatchObject({ interaction: 'search-type', action: 'E' });
    expect(interactionOf('HEAD', ['Patient', '1'])).toMatchObject({ interaction: 'read', action: 'R' });
    expect(interactionOf('GET', ['Patient', '1', '_history', '2'])).toMatchObject({ interaction: 'vread' });
    expect(interactionOf('POST', ['Patient', '_search'])).toMatchObject({ interaction: 'search-type' });
    expect(interactionOf('POST', ['Condition'])).toMatchObject({ interaction: 'create', action: 'C' });
    expect(interactionOf('PUT', ['Condition', '4'])).toMatchObject({ interaction: 'update', action: 'U' });
    expect(interactionOf('GET', ['DocumentReference', '$docref'])).toMatchObject({ interaction: 'operation', operation: '$docref' });
    expect(interactionOf('GET', ['Group', 'g1', '$export'])).toMatchObject({ interaction: 'export', operation: '$export' });
    expect(interactionOf('DELETE', ['Condition', '4'])).toMatchObject({ interaction: 'unknown', action: 'D' });
    expect([outcomeOf(200), outcomeOf(304), outcomeOf(403), outcomeOf(404), outcomeOf(503)]).toEqual([0, 0, 4, 4, 8]);
  });

  it('splits the path below the base without the query string, decoding segments (malformed ones as received)', () => {
    expect(pathSegments('/fhir/Patient/12?_format=json&x=/a/b')).toEqual({ base: 'fhir', segments: ['Patient', '12'] });
    expect(pathSegments('/OPEN//Binary/a%2Fb%20c/')).toEqual({ base: 'open', segments: ['Binary', 'a/b c'] });
    expect(pathSegments('/fhir/Patient/%E0%A4%A')).toEqual({ base: 'fhir', segments: ['Patient', '%E0%A4%A'] });
    expect(pathSegments('/fhir')).toEqual({ base: 'fhir', segments: [] });
    expect(pathSegments('/fhir/?a=1')).toEqual({ base: 'fhir', segments: [] });
    expect(pathSegments('/fhirx/Patient')).toBeUndefined();
    expect(pathSegments('/auth/fhir/Patient')).toBeUndefined();
  });

  it('skips discovery documents and preflights only', () => {
    expect(isAudited('GET', '/fhir/metadata')).toBe(false);
    expect(isAudited('GET', '/open/.well-known/smart-configuration')).toBe(false);
    expect(isAudited('OPTIONS', '/fhir/Patient')).toBe(false);
    expect(isAudited('GET', '/healthz')).toBe(false);
    expect(isAudited('GET', '/FHIR/Patient/1')).toBe(true);
  });

  it('finds the patient of a resource in patient, subject or beneficiary', () => {
    expect(patientOf({ resourceType: 'Patient', id: '5' })).toBe('5');
    expect(patientOf({ resourceType: 'Observation', id: 'x', subject: { reference: 'Patient/6' } })).toBe('6');
    expect(patientOf({ resourceType: 'Coverage', id: 'x', beneficiary: { reference: 'Patient/7' } })).toBe('7');
    expect(patientOf({ resourceType: 'Practitioner', id: 'x' })).toBeNull();
    expect(patientOf({ resourceType: 'Encounter', id: 'x', subject: { reference: 'Group/1' } })).toBeNull();
  });

  it('names the chart aimed at only by a numeric Patient id', () => {
    expect(targetPatientOf(['Patient', '12'], 'read', undefined)).toBe('12');
    expect(targetPatientOf(['Observation'], 'search-type', 'Patient/13')).toBe('13');
    expect(targetPatientOf(['Observation'], 'search-type', 'http://x/fhir/Patient/14')).toBe('14');
    expect(targetPatientOf(['Observation'], 'search-type', 'Smith')).toBeNull();
    expect(targetPatientOf(['Patient', 'abc'], 'read', undefined)).toBeNull();
  });

  it('makes one event per patient, one for patient-less resources, with parameter names only', () => {
    const events = req({
      url: '/fhir/Observation?patient=1,2&code=1234-5',
      paramNames: ['patient', 'code', 'code', '_include', 'bad name'],
      resources: [
        { resourceType: 'Observation', id: 'a', meta: { versionId: '3' }, subject: { reference: 'Patient/1' } },
        { resourceType: 'Observation', id: 'b', subject: { reference: 'Patient/2' } },
        { resourceType: 'Patient', id: '1' },
        { resourceType: 'Practitioner', id: 'p9' },
      ],
    });
    expect(events.map((e) => [e.patientId, JSON.parse(e.entities)])).toEqual([
      ['1', ['Observation/a/_history/3', 'Patient/1']],
      ['2', ['Observation/b']],
      [null, ['Practitioner/p9']],
    ]);
    for (const e of events) {
      expect(e).toMatchObject({ base: 'fhir', interaction: 'search-type', queryParams: 'patient,code,_include', clientId: 'app', subject: 'user:7', tokenId: 'j-1', practiceId: 3, sourceIp: '10.0.0.9', recordedUser: null });
      expect(JSON.stringify(e)).not.toContain('1234-5');
    }
  });

  it('records a refused request once, without a caller, aimed at the chart of its path', () => {
    expect(req({ url: '/open/Patient/8', status: 401, caller: undefined })).toEqual([
      expect.objectContaining({ base: 'open', interaction: 'read', outcome: 4, status: 401, clientId: null, subject: null, practiceId: null, patientId: '8', entities: '[]' }),
    ]);
  });
});
