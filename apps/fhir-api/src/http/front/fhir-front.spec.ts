/**
 * The FHIR front over a stub service, on a plain node server whose other paths go to a stand-in for Express:
 * routing, HEAD, OPTIONS, conditional reads, form bodies, errors, tokens (cached path) and the access log.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import request from 'supertest';
import { notFound } from '../../../../../libs/fhir/src/errors/fhir-error.js';
import { buildSmartConfiguration } from '../../../../../libs/security/src/tokens/smart-configuration.js';
import { JsonLogger } from '../../../../../libs/observability/src/index.js';
import { AccessTokenVerifier } from '../../../../../libs/security/src/tokens/access-token-verifier.js';
import type { FhirApiDeps } from '../../fhir-api.deps.js';
import { FhirFront } from './fhir-front.js';
import { installFhirFront } from './install.js';

const PUB = 'http://fhir.test';
const ISS = 'http://auth.test';
const patient = { resourceType: 'Patient', id: '1', meta: { versionId: '3', lastUpdated: '2024-01-02T03:04:05-05:00' } };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('FhirFront', () => {
  let server: Server;
  let key: CryptoKey;
  let token: string;
  const revoked: string[] = [];
  const lines: Json[] = [];
  const calls: unknown[][] = [];
  let verifier: AccessTokenVerifier;
  const mint = (claims: Record<string, unknown> = {}, aud = `${PUB}/fhir`) =>
    new SignJWT({ scope: 'system/*.rs', client_id: 'c', practice: 1, ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setIssuer(ISS).setAudience(aud).setSubject('s').setJti(String(claims.jti ?? Math.random())).setIssuedAt().setExpirationTime('5m').sign(key);
  const get = (url: string) => request(server).get(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    verifier = new AccessTokenVerifier({
      issuer: ISS,
      keys: createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k', alg: 'RS256' }] }),
      revocations: { revokedSince: async () => ({ jtis: revoked, grants: [], approvals: [] }) },
    });
    token = await mint({ jti: 'main' });
    const service = {
      async read(rs: Json, type: string, id: string) {
        calls.push(['read', rs.caller.base, type, id]);
        if (id === 'boom') throw new Error('SQLITE_ERROR near SELECT');
        if (type === 'Patient' && id === '1') return patient;
        throw notFound(type, id);
      },
      async search(rs: Json, type: string, query: Iterable<[string, string]>, lenient: boolean) {
        calls.push(['search', rs.caller.base, type, [...query], lenient]);
        return { bundle: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: patient }] } };
      },
    };
    const deps = {
      config: { fhirPublicUrl: PUB },
      verifier,
      service,
      smartConfiguration: buildSmartConfiguration(ISS, { authorizePost: false }),
      capabilityStatement: (baseUrl: string) => ({ resourceType: 'CapabilityStatement', implementation: { url: baseUrl } }),
      mapperContext: (baseUrl: string) => ({ baseUrl }),
      readinessProbes: {},
    } as unknown as FhirApiDeps;
    server = createServer((_req, res) => res.end('express'));
    installFhirFront(server, new FhirFront(deps, new JsonLogger('fhir-api', 'info', (l) => lines.push(JSON.parse(l)))));
  });
  afterAll(() => {
    server?.close();
  });

  it('reads with one answer: CORS, request id, validators, length; the access line has the path only', async () => {
    lines.length = 0;
    const res = await get('/fhir/Patient/1?name=Secret').set('X-Request-Id', 'rid-1').expect(200);
    expect(res.body).toEqual(patient);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag, Last-Modified, Location, X-Request-Id', 'x-request-id': 'rid-1',
      etag: 'W/"3"', 'last-modified': 'Tue, 02 Jan 2024 08:04:05 GMT', 'content-type': 'application/fhir+json; charset=utf-8', 'content-length': String(JSON.stringify(patient).length),
    });
    expect(lines).toEqual([expect.objectContaining({ event: 'http_request', requestId: 'rid-1', method: 'GET', path: '/fhir/Patient/1', status: 200 })]);
    expect(JSON.stringify(lines)).not.toContain('Secret');
  });

  it('checks a known token without the signature path, and still honours revocations', async () => {
    const fresh = await mint({ jti: 'to-revoke' });
    await request(server).get('/fhir/Patient/1').set('Authorization', `Bearer ${fresh}`).expect(200);
    const verify = jest.spyOn(verifier, 'verify');
    await request(server).get('/fhir/Patient/1').set('Authorization', `Bearer ${fresh}`).expect(200);
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
    revoked.push('to-revoke');
    await verifier.pollRevocations();
    const res = await request(server).get('/fhir/Patient/1').set('Authorization', `Bearer ${fresh}`).expect(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(res.body.issue[0].details.coding[0].code).toBe('TOKEN_REVOKED');
  });

  it('answers HEAD like GET without a body, and 304 for matching validators', async () => {
    const head = await request(server).head('/fhir/Patient/1').set('Authorization', `Bearer ${token}`).expect(200);
    expect(head.headers['content-length']).toBe(String(JSON.stringify(patient).length));
    expect(head.text ?? '').toBe('');
    await get('/fhir/Patient/1').set('If-None-Match', 'W/"3"').expect(304);
    await get('/fhir/Patient/1').set('If-None-Match', '"3"').expect(304);
    await get('/fhir/Patient/1').set('If-None-Match', 'W/"2"').expect(200);
    await get('/fhir/Patient/1').set('If-Modified-Since', 'Wed, 03 Jan 2024 00:00:00 GMT').expect(304);
    await get('/fhir/Patient/1').set('If-Modified-Since', 'Wed, 03 Jan 2024 00:00:00 GMT').set('Cache-Control', 'no-cache').expect(200);
    await get('/fhir/Patient/1/_history/3').expect(200);
    const old = await get('/fhir/Patient/1/_history/2').expect(404);
    expect(old.body.issue[0].details.coding[0].code).toBe('MSG_VERSION_NOT_FOUND');
  });

  it('answers preflights for any FHIR path with 204 and no access line', async () => {
    lines.length = 0;
    const res = await request(server).options('/fhir/Patient/%E0%A4%A').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization').expect(204);
    expect(res.headers['access-control-allow-methods']).toBe('GET,HEAD,PUT,PATCH,POST,DELETE');
    expect(res.headers['access-control-allow-headers']).toBe('authorization');
    expect(res.headers.vary).toBe('Access-Control-Request-Headers');
    expect(lines).toHaveLength(0);
  });

  it.each([
    ['post', '/fhir/Patient', 405, 'MSG_OP_NOT_ALLOWED'],
    ['delete', '/fhir/Patient/1', 405, 'MSG_OP_NOT_ALLOWED'],
    ['get', '/fhir/Patient/1/_history', 405, 'MSG_OP_NOT_ALLOWED'],
    ['put', '/FHIR/Patient/1/_history/3', 405, 'MSG_OP_NOT_ALLOWED'],
    ['get', '/fhir//Patient/1', 404, 'HTTP_404'],
    ['get', '/fhir/../open/Patient/1', 404, 'HTTP_404'],
    ['get', '/fhir/./Patient/1', 404, 'HTTP_404'],
    ['get', '/fhir', 404, 'HTTP_404'],
    ['get', '/fhir/Patient/%E0%A4%A', 400, 'HTTP_400'],
    ['get', '/fhir/Patient/2', 404, 'MSG_NO_EXIST'],
  ])('%s %s -> %d %s', async (method, url, status, code) => {
    const res = await (request(server) as unknown as Record<string, (u: string) => request.Test>)[method](url).set('Authorization', `Bearer ${token}`).expect(status);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].details.coding[0].code).toBe(code);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('names the route and the undecodable parameter as the former router did', async () => {
    expect((await get('/fhir//Patient/1')).body.issue[0].diagnostics).toBe('No route for GET /fhir//Patient/1');
    expect((await get('/fhir/%E0%A4%A/1')).body.issue[0].diagnostics).toBe("Failed to decode param '%E0%A4%A'");
    expect((await request(server).delete('/FHIR/Patient/1')).body.issue[0].diagnostics).toBe('DELETE /FHIR/Patient/1 is not supported by this server');
  });

  it('leaves every other path to Express', async () => {
    for (const path of ['/healthz', '/fhirx/Patient/1', '/nowhere?x=1']) expect((await request(server).get(path)).text).toBe('express');
  });

  it('searches by GET and by POST form (URL parameters first), with Prefer: handling=lenient', async () => {
    calls.length = 0;
    await get('/open/Observation?patient=1&code=a,b').set('Authorization', `Bearer ${await mint({}, `${PUB}/open`)}`).expect(200);
    await request(server).post('/fhir/Observation/_search?_count=2').set('Authorization', `Bearer ${token}`).set('Prefer', 'handling=lenient')
      .type('form').send('patient=1&code=x+y').expect(200);
    expect(calls).toEqual([
      ['search', 'open', 'Observation', [['patient', '1'], ['code', 'a,b']], false],
      ['search', 'fhir', 'Observation', [['_count', '2'], ['patient', '1'], ['code', 'x y']], true],
    ]);
  });

  it('refuses non-form, oversized and undecodable POST bodies with OperationOutcomes', async () => {
    const post = () => request(server).post('/fhir/Patient/_search').set('Authorization', `Bearer ${token}`);
    expect((await post().set('Content-Type', 'application/json').send('{"a":').expect(400)).body.issue[0].details.coding[0].code).toBe('SEARCH_POST_FORM');
    expect((await post().type('form').send(`name=${'a'.repeat(110_000)}`).expect(413)).body.issue[0].code).toBe('too-costly');
    await post().set('Content-Type', 'application/x-www-form-urlencoded; charset=latin1').send('_id=1').expect(415);
  });

  it('negotiates the format before authenticating, and writes XML and pretty JSON', async () => {
    await request(server).get('/fhir/Patient/1').set('Accept', 'text/csv').expect(406);
    const xml = await get('/fhir/Patient/1?_format=xml').expect(200);
    expect(xml.headers['content-type']).toBe('application/fhir+xml; charset=utf-8');
    expect(xml.text).toContain('<Patient xmlns="http://hl7.org/fhir">');
    expect((await get('/fhir/Patient/1?_pretty=true')).text).toContain('\n  "resourceType"');
    const smart = await request(server).get('/open/.well-known/smart-configuration').set('Accept', 'application/fhir+xml').expect(200);
    expect(smart.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(smart.body.issuer).toBe(ISS);
    // Each base advertises what it serves: /open has no EHR launch, user/system scopes or client_credentials.
    expect(smart.body.capabilities).not.toContain('launch-ehr');
    expect(smart.body.capabilities).not.toContain('permission-user');
    expect(smart.body.scopes_supported).not.toContain('system/*.rs');
    const provider = await request(server).get('/fhir/.well-known/smart-configuration').expect(200);
    expect(provider.body.capabilities).toEqual(expect.arrayContaining(['launch-ehr', 'permission-user', 'permission-patient']));
    const cs = await request(server).get('/OPEN/metadata').expect(200);
    expect(cs.body.implementation.url).toBe(`${PUB}/open`);
  });

  it('answers 401 without a token and a generic 500 with the request id, whose log lines carry it', async () => {
    const none = await request(server).get('/fhir/Patient/1').expect(401);
    expect(none.headers['www-authenticate']).toBe(`Bearer realm="${PUB}/fhir"`);
    lines.length = 0;
    const boom = await get('/fhir/Patient/boom').set('X-Request-Id', 'rid-500').expect(500);
    expect(boom.body.issue[0].diagnostics).toContain('rid-500');
    expect(JSON.stringify(boom.body)).not.toMatch(/SQLITE|SELECT|at /);
    expect(lines.map((l) => [l.event, l.requestId])).toEqual([['unhandled_error', 'rid-500'], ['http_request', 'rid-500']]);
  });
});
