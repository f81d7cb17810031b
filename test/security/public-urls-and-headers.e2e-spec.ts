/**
 * REGRESSION TEST (was a MEDIUM finding of issue 13, since fixed): Host-header trust, caching and slow clients.
 * - `/.well-known/openid-configuration` with `Host: evil.example` listed every endpoint on `http://evil.example`
 *   (oidc-provider builds discovery URLs from the request). Fix: apps/auth/src/web/public-origin.ts pins Host and
 *   scheme to AUTH_PUBLIC_URL before anything runs.
 * - Pages and answers with PHI or tokens carried no `Cache-Control: no-store` / `Pragma: no-cache`; nosniff was
 *   missing outside the pages. Fix: the same middleware (auth) and the FHIR front's dispatcher set them.
 * - Slow-header connections were held ~95 s and slow bodies ~336 s. Fix: libs/config/src/http-server.ts
 *   (HTTP_HEADERS_TIMEOUT_SECONDS, HTTP_REQUEST_TIMEOUT_SECONDS).
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAuth, type AuthHarness } from '../auth/protocol/support/auth-harness.js';

function rawGet(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const u = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends `first` then trickles one byte a second; resolves with the seconds until the server closed the socket. */
function slowClient(base: string, first: string, max = 30): Promise<number> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const t0 = Date.now();
    const socket = connect(Number(u.port), u.hostname, () => socket.write(first));
    const drip = setInterval(() => socket.writable && socket.write('a'), 1000);
    const stop = () => {
      clearInterval(drip);
      socket.destroy();
      resolve((Date.now() - t0) / 1000);
    };
    socket.on('close', stop);
    socket.on('error', stop);
    setTimeout(stop, max * 1000);
  });
}

describe('public URLs, cache headers and slow clients', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth('sqlite', { HTTP_HEADERS_TIMEOUT_SECONDS: '2', HTTP_REQUEST_TIMEOUT_SECONDS: '4' });
  });
  afterAll(async () => h?.close());

  it('the discovery document never takes its URLs from Host or X-Forwarded-* headers', async () => {
    const tricks: Record<string, string>[] = [{ host: 'evil.example' }, { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }, { forwarded: 'host=evil.example;proto=https' }];
    for (const headers of tricks) {
      const res = await rawGet(h.base, '/.well-known/openid-configuration', headers);
      expect(res.status).toBe(200);
      const doc = JSON.parse(res.body) as Record<string, unknown>;
      const urls = Object.values(doc).filter((v): v is string => typeof v === 'string' && /^https?:/.test(v));
      expect(urls.length).toBeGreaterThan(5);
      for (const url of urls) expect(url.startsWith(h.base)).toBe(true);
      expect(res.body).not.toContain('evil.example');
    }
  });

  it('answers carrying tokens or account data are no-store, no-cache and nosniff', async () => {
    for (const path of ['/.well-known/openid-configuration', '/portal/patient', '/admin', '/connect', '/ehr-simulator', '/me']) {
      const res = await rawGet(h.base, path, {});
      expect([path, res.headers['cache-control'], res.headers.pragma, res.headers['x-content-type-options']]).toEqual([path, 'no-store', 'no-cache', 'nosniff']);
    }
  });

  it('drops a client that sends its headers too slowly (within seconds, not minutes)', async () => {
    const held = await slowClient(h.base, 'GET /admin HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(held).toBeLessThan(10); // 2 s limit + Node's 1 s check; was ~95 s
  }, 40_000);

  it('drops a client that sends its body too slowly', async () => {
    const held = await slowClient(h.base, 'POST /admin/signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nlogin=');
    expect(held).toBeLessThan(12); // 4 s limit + Node's 1 s check; was ~336 s
  }, 40_000);
});
