/**
 * The HTTP behaviour of the FHIR API on its Fastify server, on the real app (FhirModule over a SQLite legacy
 * database): routing (case, trailing slash, 404/405, malformed URLs), HEAD, CORS preflights, conditional reads,
 * request ids and the access log, format negotiation before authentication, the bearer strategy's cached path
 * and revocations, search by GET and POST form, body limits and media types, and errors as OperationOutcomes.
 * (Ported from the former hand-written front's router, body and front specs.)
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { JsonLogger } from '#facade/observability';
import { AccessTokenVerifier } from '#facade/security';
import { FhirService } from '../../apps/fhir-api/src/service/fhir.service.js';
import { FHIR_URL, startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type Json = Record<string, any>;  
const outcomeCode = (res: { body: Json }) => res.body.issue?.[0]?.details?.coding?.[0]?.code;

describe('FHIR API HTTP server (Fastify)', () => {
  let t: FhirTestApp;
  let token: string;
  let amy: number;
  const revoked: string[] = [];
  const lines: Json[] = [];
  const http = () => request(t.server as never);
  const get = (url: string) => http().get(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startFhirTestApp({
      revocations: { revokedSince: async () => ({ jtis: revoked, grants: [], approvals: [] }) },
      logger: new JsonLogger('fhir-api', 'info', (l) => lines.push(JSON.parse(l))),
    });
    const practice = await t.factory.practice();
    amy = await t.factory.patient(practice, { LAST_NAME: 'Secretname', FIRST_NAME: 'Amy', DOB: '1987-02-20', SEX: 'F' });
    token = await t.mint({ scope: 'user/*.rs', practice, jti: 'main' });
  });
  afterAll(async () => t?.close());

  it('reads with CORS, request id, validators and length; the access line has the path only', async () => {
    lines.length = 0;
    const res = await get(`/fhir/Patient/${amy}?name=Secretname`).set('X-Request-Id', 'rid-1').expect(200);
    expect(res.body).toMatchObject({ resourceType: 'Patient', id: String(amy) });
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag, Last-Modified, Location, X-Request-Id', 'x-request-id': 'rid-1',
      etag: 'W/"1"', 'last-modified': 'Fri, 01 Mar 2024 14:00:00 GMT', 'content-type': 'application/fhir+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(res.text)),
    });
    expect(lines).toEqual([expect.objectContaining({ event: 'http_request', requestId: 'rid-1', method: 'GET', path: `/fhir/Patient/${amy}`, status: 200 })]);
    expect(JSON.stringify(lines)).not.toContain('Secretname');
  });

  it('makes a request id when none or a malformed one is sent', async () => {
    const none = await get(`/fhir/Patient/${amy}`).expect(200);
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const odd = await get(`/fhir/Patient/${amy}`).set('X-Request-Id', 'bad id <script>').expect(200);
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('checks a known token without the signature path, and still honours revocations', async () => {
    const fresh = await t.mint({ scope: 'user/*.rs', practice: 1, jti: 'to-revoke' });
    await http().get('/fhir/Practitioner').set('Authorization', `Bearer ${fresh}`).expect(200);
    const verifier = t.app.get(AccessTokenVerifier);
    const verify = jest.spyOn(verifier, 'verify');
    await http().get('/fhir/Practitioner').set('Authorization', `Bearer ${fresh}`).expect(200);
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
    revoked.push('to-revoke');
    await verifier.pollRevocations();
    const res = await http().get('/fhir/Practitioner').set('Authorization', `Bearer ${fresh}`).expect(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(outcomeCode(res)).toBe('TOKEN_REVOKED');
  });

  it('answers HEAD like GET without a body, and 304 for matching validators', async () => {
    const full = await get(`/fhir/Patient/${amy}`).expect(200);
    const head = await http().head(`/fhir/Patient/${amy}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.headers.etag).toBe('W/"1"');
    expect(head.text ?? '').toBe('');
    await get(`/fhir/Patient/${amy}`).set('If-None-Match', 'W/"1"').expect(304);
    await get(`/fhir/Patient/${amy}`).set('If-None-Match', '"1"').expect(304);
    await get(`/fhir/Patient/${amy}`).set('If-None-Match', 'W/"0", *').expect(304);
    await get(`/fhir/Patient/${amy}`).set('If-None-Match', 'W/"2"').expect(200);
    await get(`/fhir/Patient/${amy}`).set('If-Modified-Since', 'Sat, 02 Mar 2024 00:00:00 GMT').expect(304);
    await get(`/fhir/Patient/${amy}`).set('If-Modified-Since', 'Thu, 29 Feb 2024 00:00:00 GMT').expect(200);
    // If-None-Match decides alone when present (RFC 9110 13.1.3).
    await get(`/fhir/Patient/${amy}`).set('If-None-Match', 'W/"2"').set('If-Modified-Since', 'Sat, 02 Mar 2024 00:00:00 GMT').expect(200);
    await get(`/fhir/Patient/${amy}/_history/1`).expect(200);
    expect(outcomeCode(await get(`/fhir/Patient/${amy}/_history/2`).expect(404))).toBe('MSG_VERSION_NOT_FOUND');
  });

  it('answers preflights for any FHIR path with 204 and no access line', async () => {
    lines.length = 0;
    const res = await http().options('/fhir/Patient/1').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization').expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET,HEAD,PUT,PATCH,POST,DELETE');
    expect(res.headers['access-control-allow-headers']).toBe('authorization');
    expect(res.headers.vary).toContain('Access-Control-Request-Headers');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(lines).toHaveLength(0);
  });

  it.each([
    ['post', '/fhir/Patient', 405, 'MSG_OP_NOT_ALLOWED'],
    ['post', '/fhir/metadata', 405, 'MSG_OP_NOT_ALLOWED'],
    ['delete', '/fhir/Patient/1', 405, 'MSG_OP_NOT_ALLOWED'],
    ['put', '/fhir/Patient/_search', 405, 'MSG_OP_NOT_ALLOWED'],
    ['get', '/fhir/Patient/1/_history', 405, 'MSG_OP_NOT_ALLOWED'],
    ['put', '/FHIR/Patient/1/_history/3', 405, 'MSG_OP_NOT_ALLOWED'],
    ['get', '/fhir//Patient/1', 404, 'HTTP_404'],
    ['get', '/fhir/../open/Patient/1', 404, 'HTTP_404'],
    ['get', '/fhir/./Patient/1', 404, 'HTTP_404'],
    ['get', '/fhir/Patient/1/x', 404, 'HTTP_404'],
    ['get', '/fhir', 404, 'HTTP_404'],
    ['get', '/fhirx/Patient/1', 404, 'HTTP_404'],
    ['get', '/fhir/Patient/%E0%A4%A', 400, 'HTTP_400'],
    ['get', '/fhir/Patient/999999', 404, 'MSG_NO_EXIST'],
    ['get', '/fhir/Banana/1', 404, 'MSG_UNKNOWN_TYPE'],
  ])('%s %s -> %d %s', async (method, url, status, code) => {
    const res = await (http() as unknown as Record<string, (u: string) => request.Test>)[method](url).set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'rid-m').expect(status);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(outcomeCode(res)).toBe(code);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-request-id']).toBe('rid-m');
  });

  it('names the route, and never echoes an undecodable URL', async () => {
    expect((await get('/fhir//Patient/1')).body.issue[0].diagnostics).toBe('No route for GET /fhir//Patient/1');
    expect((await get('/fhir/%E0%A4%A/1')).body.issue[0].diagnostics).toBe('The URL is not validly percent-encoded');
    expect((await http().delete('/FHIR/Patient/1')).body.issue[0].diagnostics).toBe('DELETE /Patient/1 is not supported by this server');
  });

  it('routes case-insensitively with an optional trailing slash, and decodes parameters', async () => {
    await get(`/FHIR/Patient/${amy}/`).expect(200);
    await get(`/fhir/Pat%69ent/${encodeURIComponent(String(amy)).replace(/^./, (c) => `%${c.charCodeAt(0).toString(16)}`)}`).expect(200);
    const cs = await http().get('/OPEN/metadata/').expect(200);
    expect(cs.body.implementation.url).toBe(`${FHIR_URL}/open`);
    const search = await get('/fhir/patient/').expect(404);
    expect(outcomeCode(search)).toBe('MSG_UNKNOWN_TYPE');
  });

  it('serves the health probes outside the FHIR bases', async () => {
    expect((await http().get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    // `accepting`: not draining (protect/graceful-drain.ts).
    expect((await http().get('/readyz').expect(200)).body.checks).toEqual({ legacyDb: 'ok', auditTrail: 'ok', accepting: 'ok' });
  });

  it('searches by GET and by POST form (URL parameters first), with Prefer: handling=lenient', async () => {
    const service = t.app.get(FhirService);
    const search = jest.spyOn(service, 'search');
    try {
      const open = await t.mint({ scope: 'patient/*.rs', patient: String(amy) }, { aud: `${FHIR_URL}/open` });
      await http().get(`/open/Observation?patient=${amy}&code=a,b`).set('Authorization', `Bearer ${open}`).expect(200);
      await http().post('/fhir/Patient/_search?_count=2').set('Authorization', `Bearer ${token}`).set('Prefer', 'handling=lenient')
        .type('form').send('name=secret+name&gender=female&name=amy').expect(200);
      const calls = search.mock.calls.map(([rs, type, query, lenient]) => [rs.caller.base, type, [...(query as Iterable<[string, string]>)], lenient]);
      expect(calls).toEqual([
        ['open', 'Observation', [['patient', String(amy)], ['code', 'a,b']], false],
        ['fhir', 'Patient', [['_count', '2'], ['name', 'secret name'], ['gender', 'female'], ['name', 'amy']], true],
      ]);
    } finally {
      search.mockRestore();
    }
    const found = await http().post('/fhir/Patient/_search').set('Authorization', `Bearer ${token}`).type('form').send('name=Secretname&_format=xml').expect(200);
    expect(found.headers['content-type']).toBe('application/fhir+xml; charset=utf-8');
    expect(found.text).toContain(`<id value="${amy}"/>`);
  });

  it('refuses bodies it cannot take with OperationOutcomes: not a form, too large, too many parameters, charset, encoding', async () => {
    const post = () => http().post('/fhir/Patient/_search').set('Authorization', `Bearer ${token}`);
    expect(outcomeCode(await post().set('Content-Type', 'application/fhir+json').send('{"resourceType":"Parameters"}').expect(400))).toBe('SEARCH_POST_FORM');
    expect(outcomeCode(await post().set('Content-Type', 'application/json').send('{"a":').expect(400))).toBe('FORMAT_JSON_INVALID');
    const big = await post().type('form').send(`name=${'a'.repeat(110_000)}`).expect(413);
    expect(big.body.issue[0].code).toBe('too-costly');
    await post().type('form').send(Array.from({ length: 1001 }, (_, i) => `p${i}=1`).join('&')).expect(413);
    await post().set('Content-Type', 'application/x-www-form-urlencoded; charset=latin1').send('_id=1').expect(415);
    await post().set('Content-Type', 'application/x-www-form-urlencoded').set('Content-Encoding', 'gzip').send(gzipSync('_id=1')).expect(415);
    await post().set('Content-Type', 'text/plain').send('_id=1').expect(415);
    await post().set('Content-Type', 'application/fhir+json').send(`{"resourceType":"Patient","x":"${'a'.repeat(1024 * 1024)}"}`).expect(413);
  });

  it('reads FHIR XML bodies without DTDs or entities, and JSON bodies without prototype keys', async () => {
    const post = () => http().post('/fhir/Patient/_search').set('Authorization', `Bearer ${token}`);
    const xxe = '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Patient xmlns="http://hl7.org/fhir"><id value="&x;"/></Patient>';
    const refused = await post().set('Content-Type', 'application/fhir+xml').send(xxe).expect(400);
    expect(outcomeCode(refused)).toBe('FORMAT_XML_INVALID');
    expect(refused.text).not.toContain('root:');
    // A well-formed FHIR XML body is read (and then refused by POST _search, which takes forms only).
    expect(outcomeCode(await post().set('Content-Type', 'application/fhir+xml').send('<Patient xmlns="http://hl7.org/fhir"><id value="1"/></Patient>').expect(400))).toBe('SEARCH_POST_FORM');
    await post().set('Content-Type', 'application/fhir+json').send('{"resourceType":"Patient","__proto__":{"polluted":true}}').expect(400);
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('negotiates the format before authenticating, and writes XML and pretty JSON', async () => {
    expect(outcomeCode(await http().get(`/fhir/Patient/${amy}`).set('Accept', 'text/csv').expect(406))).toBe('FORMAT_NOT_ACCEPTABLE');
    const xml = await get(`/fhir/Patient/${amy}?_format=xml`).expect(200);
    expect(xml.headers['content-type']).toBe('application/fhir+xml; charset=utf-8');
    expect(xml.text).toContain('<Patient xmlns="http://hl7.org/fhir">');
    expect((await get(`/fhir/Patient/${amy}?_pretty=true`)).text).toContain('\n  "resourceType"');
    const outcomeXml = await get('/fhir/Patient/999999').set('Accept', 'application/fhir+xml').expect(404);
    expect(outcomeXml.text).toContain('<OperationOutcome xmlns="http://hl7.org/fhir">');
    const smart = await http().get('/open/.well-known/smart-configuration').set('Accept', 'application/fhir+xml').expect(200);
    expect(smart.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(smart.body.issuer).toBeDefined();
    // Each base advertises what it serves: /open has no EHR launch, user/system scopes or client_credentials.
    expect(smart.body.capabilities).not.toContain('launch-ehr');
    expect(smart.body.capabilities).not.toContain('permission-user');
    expect(smart.body.scopes_supported).not.toContain('system/*.rs');
    const provider = await http().get('/fhir/.well-known/smart-configuration').expect(200);
    expect(provider.body.capabilities).toEqual(expect.arrayContaining(['launch-ehr', 'permission-user', 'permission-patient']));
  });

  it('answers 401 without a token and a generic 500 with the request id, whose log lines carry it', async () => {
    const none = await http().get(`/fhir/Patient/${amy}`).expect(401);
    expect(none.headers['www-authenticate']).toBe(`Bearer realm="${FHIR_URL}/fhir"`);
    const bad = await http().get(`/fhir/Patient/${amy}`).set('Authorization', 'Bearer not.a.jwt').expect(401);
    expect(bad.headers['www-authenticate']).toContain('error="invalid_token"');
    const read = jest.spyOn(t.app.get(FhirService), 'readNow').mockRejectedValueOnce(new Error('SQLITE_ERROR near SELECT'));
    lines.length = 0;
    try {
      const boom = await get(`/fhir/Patient/${amy}`).set('X-Request-Id', 'rid-500').expect(500);
      expect(boom.body.issue[0].diagnostics).toContain('rid-500');
      expect(JSON.stringify(boom.body)).not.toMatch(/SQLITE|SELECT|at /);
    } finally {
      read.mockRestore();
    }
    expect(lines.map((l) => [l.event, l.requestId])).toEqual([['unhandled_error', 'rid-500'], ['http_request', 'rid-500']]);
  });
});
