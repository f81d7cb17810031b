/**
 * A plain HTTP Bulk Data client for the export suites: kick-off, poll (honouring Retry-After, capped for tests),
 * download and parse every NDJSON file, and compare with what search returns.
 */
import { expect } from '@jest/globals';
import request from 'supertest';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { FHIR_URL } from './fhir-test-app.js';

type R = Record<string, any>;

export interface Manifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: boolean;
  output: { type: string; url: string; count: number }[];
  error: { type: string; url: string }[];
}

/** Path of an absolute URL of the test server. */
export const pathOf = (url: string) => url.slice(FHIR_URL.length);

export class BulkClient {
  constructor(private readonly server: unknown, private readonly token: string) {}

  get(url: string) {
    return request(this.server as never).get(url).set('Authorization', `Bearer ${this.token}`);
  }

  /** GET kick-off; returns the status path. */
  async kickOff(path: string, headers: Record<string, string> = {}): Promise<string> {
    const res = await this.get(path).set('Accept', 'application/fhir+json').set('Prefer', 'respond-async').set(headers);
    expect({ status: res.status, body: res.status === 202 ? undefined : res.body }).toEqual({ status: 202, body: undefined });
    const location = res.headers['content-location'];
    expect(location).toMatch(/^http:\/\/fhir\.test\/fhir\/\$export-status\/[0-9a-f-]{36}$/);
    return pathOf(location);
  }

  /** Polls until the export is not running (waits at most `timeoutMs`). */
  async poll(statusPath: string, timeoutMs = 60_000): Promise<Manifest> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.get(statusPath).set('Accept', 'application/json');
      if (res.status === 200) {
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        return JSON.parse(res.text) as Manifest;
      }
      if (res.status !== 202 && res.status !== 429) throw new Error(`status ${res.status}: ${res.text}`);
      if (res.status === 202) expect(res.headers['x-progress']).toMatch(/% complete/);
      if (Date.now() > end) throw new Error('export did not finish in time');
      await new Promise((r) => setTimeout(r, Math.min(Number(res.headers['retry-after'] ?? 1), 1) * 1000 + 50));
    }
  }

  /** Every resource of every output file, checked: content type, one type per file, count. */
  async download(manifest: Manifest): Promise<R[]> {
    const out: R[] = [];
    for (const file of manifest.output) {
      expect(file.url.startsWith(`${FHIR_URL}/fhir/$export-file/`)).toBe(true);
      const res = await this.get(pathOf(file.url)).buffer(true).parse((r, cb) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => cb(null, text));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+ndjson/);
      const lines = (res.body as string).split('\n').filter((l) => l !== '');
      expect(lines.length).toBe(file.count);
      for (const line of lines) {
        const resource = JSON.parse(line) as R;
        expect(resource.resourceType).toBe(file.type);
        out.push(resource);
      }
    }
    return out;
  }

  /** Every resource a search of `type` returns (following next links). */
  async searchAll(type: string, query = ''): Promise<R[]> {
    const out: R[] = [];
    let url: string | undefined = `/fhir/${type}?_count=500${query ? `&${query}` : ''}`;
    while (url) {
      const res = await this.get(url).expect(200);
      out.push(...(res.body.entry ?? []).map((e: R) => e.resource));
      const next = (res.body.link ?? []).find((l: R) => l.relation === 'next')?.url as string | undefined;
      url = next ? pathOf(next) : undefined;
    }
    return out;
  }
}

/** US Core 6.1.0 errors of every resource that claims a profile (each resource listed by type/id). */
export function usCoreProblems(resources: R[]): { id: string; errors: string[] }[] {
  return resources
    .filter((r) => (r.meta?.profile ?? []).length > 0)
    .map((r) => ({ id: `${r.resourceType}/${r.id}`, errors: usCoreErrors(r as never) }))
    .filter((x) => x.errors.length > 0);
}

/** Resources grouped by type, each list sorted by id. */
export function byType(resources: R[]): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of resources) m.set(r.resourceType, [...(m.get(r.resourceType) ?? []), r]);
  for (const list of m.values()) list.sort((a, b) => (a.id < b.id ? -1 : 1));
  return m;
}
