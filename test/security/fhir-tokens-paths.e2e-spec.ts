/**
 * Attacks on token verification, routing and paging of the FHIR API: forged algorithms and keys, time claims,
 * audience swaps between /fhir and /open, path tricks, cursor tampering and replay, `_count` abuse, and error
 * responses that must never leak internals.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey } from 'node:crypto';
import { createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { AccessTokenVerifier } from '#facade/security';
import { AUTH_URL, FHIR_URL } from '../fhir-api/support/fhir-test-app.js';
import { expectOnlyPatient, expectRefused, startAttackBed, type AttackBed } from './support/fhir-attack.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({
  iss: AUTH_URL, aud: `${FHIR_URL}/fhir`, sub: 'user:1', client_id: 'evil', scope: 'system/*.rs', jti: `j${Math.random()}`, iat: now(), exp: now() + 300, ...over,
});
/** Internals an error body must never show. */
const LEAK = /\bat .+\.(ts|js):\d+|node_modules|SQLITE|SELECT |QueryFailedError|TypeError|stack/i;

describe('token, routing and paging attacks on the FHIR API', () => {
  let b: AttackBed;
  beforeAll(async () => {
    b = await startAttackBed();
  });
  afterAll(async () => b?.close());

  const expect401 = async (token: string, url = `/fhir/Patient/${b.c.amy}`) => {
    const res = await b.get(token, url);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(JSON.stringify(res.body)).not.toMatch(LEAK);
  };

  it("refuses alg=none, a foreign RSA key under the server's kid, and HS256 signed with anything", async () => {
    await expect401(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`);
    await expect401(`${b64({ alg: 'none', kid: 'test' })}.${b64(claims())}.`);
    const attacker = await generateKeyPair('RS256');
    await expect401(await b.t.mint({}, { key: attacker.privateKey }));
    const hs = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'test' }).sign(new TextEncoder().encode('test-cursor-key-0123456789-secret'));
    await expect401(hs);
  });

  it('HS256 signed with the public key itself (PEM, JWK modulus) does not verify (key confusion)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    const verifier = new AccessTokenVerifier({ issuer: AUTH_URL, keys: createLocalJWKSet({ keys: [jwk] }) });
    const aud = `${FHIR_URL}/fhir`;
    const good = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey);
    await expect(verifier.verify(good, aud)).resolves.toMatchObject({ client_id: 'evil' });
    const pem = await exportSPKI(publicKey);
    const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
    for (const secret of [Buffer.from(pem), der, Buffer.from(String(jwk.n)), Buffer.from(JSON.stringify(jwk))]) {
      for (const kid of ['k1', undefined]) {
        const forged = await new SignJWT(claims()).setProtectedHeader(kid ? { alg: 'HS256', kid } : { alg: 'HS256' }).sign(new Uint8Array(secret));
        await expect(verifier.verify(forged, aud)).rejects.toMatchObject({ name: 'InvalidTokenError' });
      }
    }
  });

  it('refuses expired, not-yet-valid, wrongly issued, audience-less and malformed-claim tokens', async () => {
    await expect401(await b.t.mint({}, { exp: now() - 120 }));
    await expect401(await b.t.mint({ nbf: now() + 600 }));
    await expect401(await b.t.mint({}, { iss: `${AUTH_URL}/` }));
    await expect401(await b.t.mint({}, { iss: AUTH_URL.toUpperCase() }));
    await expect401(await b.t.mint({}, { aud: FHIR_URL }));
    await expect401(await b.t.mint({}, { aud: `${FHIR_URL}/fhir/` }));
    await expect401(await b.t.mint({ patient: Number(b.c.amy), scope: 'patient/*.rs' }));
    await expect401(await b.t.mint({ practice: String(b.c.practiceA), scope: 'user/*.rs' }));
    await expect401(await b.t.mint({ scope: ['system/*.rs'] }));
    // A token whose claims lack a scope or a client is refused, not treated as "no restriction".
    const noScope = await new SignJWT({ client_id: 'x' }).setProtectedHeader({ alg: 'RS256', kid: 'test' }).setIssuer(AUTH_URL).setAudience(`${FHIR_URL}/fhir`)
      .setSubject('s').setJti('j').setIssuedAt().setExpirationTime('5m').sign((await generateKeyPair('RS256')).privateKey);
    await expect401(noScope);
  });

  it('an /open token does not work on /fhir and a /fhir token does not work on /open, whatever the path spelling', async () => {
    const openTok = await b.t.mint({ scope: 'patient/*.rs', patient: String(b.c.amy) }, { aud: `${FHIR_URL}/open` });
    const fhirUser = await b.t.mint({ scope: 'user/*.rs', practice: b.c.practiceA });
    await expect401(openTok, `/fhir/Patient/${b.c.amy}`);
    await b.get(openTok, `/open/Patient/${b.c.amy}`).expect(200);
    await expect401(fhirUser, `/open/Patient/${b.c.amy}`);
    // Path spellings that could route a user/ token to /open, or smuggle a type/id, find no route.
    // (Case variants of /open: open-base-case-variant.e2e-spec.ts.)
    for (const path of [`/fhir/../open/Patient/${b.c.amy}`, `/open/../fhir/Patient/${b.c.amy}`, `/open/./Patient/${b.c.amy}`, `/fhir/%2e%2e/open/Patient/${b.c.amy}`,
      `/open%2FPatient/${b.c.amy}`, `/fhir/Patient%2F${b.c.amy}`, `/fhir/Patient%2F${b.c.cara}`, `/fhir//Patient/${b.c.cara}`]) {
      const res = await b.get(fhirUser, path);
      expect(res.status).not.toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(LEAK);
    }
    // Same with the patient token of /open against other charts.
    for (const path of [`/OPEN/Patient/${b.c.bob}`, `/open/patient/${b.c.bob}`, `/open/PATIENT/${b.c.bob}`, `/open/Patient/${b.c.bob}/`]) {
      const res = await b.get(openTok, path);
      expect(res.status).not.toBe(200);
    }
  });

  it('resource type case variants and odd ids are 404/400 OperationOutcomes, never another resource', async () => {
    const amy = await b.t.mint({ scope: 'patient/*.rs', patient: String(b.c.amy) });
    for (const path of [`/fhir/patient/${b.c.bob}`, `/fhir/PATIENT/${b.c.bob}`, `/fhir/Patient/0${b.c.bob}`, `/fhir/Patient/${b.c.bob}%00`, `/fhir/Patient/${b.c.bob}.0`,
      `/fhir/Patient/+${b.c.bob}`, `/fhir/Patient/${b.c.bob}%20`, `/fhir/Observation/lab-0${b.c.caraLab}`, `/fhir/Observation/LAB-${b.c.caraLab}`, `/fhir/Provenance/patient-${b.c.bob}`]) {
      const res = await b.get(amy, path);
      expect([400, 404]).toContain(res.status);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(JSON.stringify(res.body)).not.toMatch(LEAK);
    }
  });

  it('a paging cursor cannot be tampered with, moved to another search, or replayed by another token to see more', async () => {
    const { c } = b;
    const amy = await b.t.mint({ scope: 'patient/*.rs', patient: String(c.amy) });
    const bob = await b.t.mint({ scope: 'patient/*.rs', patient: String(c.bob) });
    const first = await b.get(amy, '/fhir/Observation?_count=1').expect(200);
    const next = first.body.link.find((l: { relation: string }) => l.relation === 'next').url as string;
    const cursor = new URL(next).searchParams.get('_cursor') as string;
    const path = next.slice(`${FHIR_URL}`.length);
    await b.get(amy, path).expect(200);
    // Replayed by Bob: only Bob's data, never Amy's.
    const replay = await b.get(bob, path);
    if (replay.status === 200) expectOnlyPatient(replay, c.bob);
    else expect(replay.status).toBe(400);
    // Replayed by a practice-B user token.
    const userB = await b.t.mint({ scope: 'user/*.rs', practice: c.practiceB });
    const replayB = await b.get(userB, path);
    if (replayB.status === 200) expectOnlyPatient(replayB, c.cara);
    else expect(replayB.status).toBe(400);
    // Tampered, truncated, moved to another type or query: 400.
    const flipped = cursor.slice(0, 5) + (cursor[5] === 'A' ? 'B' : 'A') + cursor.slice(6);
    for (const bad of [flipped, cursor.slice(0, -1), `${cursor}x`, 'AAAA', "' OR 1=1--"]) {
      const res = await b.get(amy, `/fhir/Observation?_count=1&_cursor=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toMatch(LEAK);
    }
    await b.get(amy, `/fhir/Condition?_count=1&_cursor=${cursor}`).expect(400);
    await b.get(amy, `/fhir/Observation?_count=2&_cursor=${cursor}`).expect(400);
  });

  it('_count abuse is bounded and refused cleanly', async () => {
    const sys = await b.t.mint({ scope: 'system/*.rs', practice: b.c.practiceA });
    for (const q of ['_count=-1', '_count=abc', '_count=1e9', '_count=99999999999999999999', '_count=1&_count=2', '_count=0x10']) {
      const res = await b.get(sys, `/fhir/Observation?${q}`);
      if (res.status === 200) expect((res.body.entry ?? []).length).toBeLessThanOrEqual(1000);
      else expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toMatch(LEAK);
    }
    const big = await b.get(sys, '/fhir/Observation?_count=5000');
    if (big.status === 200) expect((big.body.entry ?? []).length).toBeLessThanOrEqual(1000);
    else expect(big.status).toBe(400);
  });

  it('hostile parameters give OperationOutcomes without stack traces, SQL or file paths', async () => {
    const sys = await b.t.mint({ scope: 'system/*.rs', practice: b.c.practiceA });
    const queries = [
      "Patient?name=' OR 1=1--", 'Patient?name=%00', 'Patient?birthdate=ge2024-13-45', "Patient?_lastUpdated=gt'--", 'Patient?_sort=__proto__',
      'Patient?_sort=-DOB;DROP TABLE PATIENT', 'Patient?constructor=1', 'Patient?__proto__[x]=1', 'Observation?code=' + 'a'.repeat(20000),
      'Observation?_id=' + Array.from({ length: 3000 }, (_, i) => `lab-${i + 1}`).join(','), 'Patient?_format=text/evil', 'Patient?_elements=__proto__',
      'Observation?value-quantity=abc', 'Patient?identifier=|||', 'Patient?_include=Patient:__proto__', 'Observation?date=ap',
    ];
    for (const q of queries) {
      const res = await b.get(sys, `/fhir/${q}`);
      expect(res.status).toBeLessThan(500);
      expect(JSON.stringify(res.body)).not.toMatch(LEAK);
    }
    const post = await request(b.t.server as never).post('/fhir/Patient/_search').set('Authorization', `Bearer ${sys}`).set('content-type', 'application/json').send('{"a":');
    expect(post.status).toBeLessThan(500);
    expect(post.text).not.toMatch(LEAK);
    const bad = await request(b.t.server as never).post('/fhir/Patient/_search').set('Authorization', `Bearer ${sys}`).type('form').send('name=%E0%A4%A');
    expect(bad.status).toBeLessThan(500);
    expect(bad.text).not.toMatch(LEAK);
    expectRefused(await b.get(sys, '/fhir/Patient/99999999'));
  });

  it('hostile text in legacy rows is escaped in XML output (no markup injection into apps)', async () => {
    const { c, t } = b;
    const evil = await t.factory.patient(c.practiceA, { FIRST_NAME: '<script>alert(1)</script>', LAST_NAME: ']]><x:evil/>&amp;' });
    const order = await t.factory.labOrder(evil);
    const lab = await t.factory.labResult(order, evil, { VALUE_TEXT: '<img src=x onerror=alert(1)>', REF_RANGE: '"><svg onload=alert(1)>' });
    const tok = await t.mint({ scope: 'patient/*.rs', patient: String(evil) });
    for (const path of [`/fhir/Patient/${evil}?_format=xml`, `/fhir/Observation/lab-${lab}?_format=xml`, `/fhir/Observation?patient=${evil}&_format=xml`]) {
      const res = await b.get(tok, path).buffer(true).parse((r, cb) => { let d = ''; r.on('data', (x: Buffer) => (d += x)); r.on('end', () => cb(null, d)); });
      expect(res.status).toBe(200);
      const xml = String(res.body);
      expect(xml).not.toMatch(/<script|<img|<svg|<x:evil/);
      expect(xml).toMatch(/&lt;(script|img)/);
    }
  });
});
