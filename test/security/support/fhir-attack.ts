/**
 * Helpers of the FHIR API attack suites: one app over the shared clinic plus victims, request shorthands, and
 * assertions that a response reveals nothing of a victim.
 */
import { expect } from '@jest/globals';
import request from 'supertest';
import { seedClinic, type Clinic } from '../../fhir-api/support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from '../../fhir-api/support/fhir-test-app.js';
import type { RevocationFeed } from '#facade/security';
import { seedVictims, type Victims } from './victims.js';

type R = Record<string, any>;

/** The running app and its data. */
export interface AttackBed {
  t: FhirTestApp;
  c: Clinic;
  v: Victims;
  get(token: string, url: string): request.Test;
  post(token: string, url: string, form: string): request.Test;
  close(): Promise<void>;
}

/** Starts the FHIR API over the clinic and the victims. */
export async function startAttackBed(revocations?: RevocationFeed): Promise<AttackBed> {
  const t = await startFhirTestApp(revocations ? { revocations } : {});
  const c = await seedClinic(t.factory);
  const v = await seedVictims(t.factory, c);
  const server = t.server as never;
  return {
    t, c, v,
    get: (token, url) => request(server).get(url).set('Authorization', `Bearer ${token}`),
    post: (token, url, form) => request(server).post(url).set('Authorization', `Bearer ${token}`).type('form').send(form),
    close: () => t.close(),
  };
}

/** `Type/id` of every entry of a Bundle. */
export const entryIds = (res: request.Response): string[] => (res.body.entry ?? []).map((e: R) => `${e.resource.resourceType}/${e.resource.id}`);

/** Every patient reference (`Patient/<id>`) anywhere in a resource or in a Bundle's entries (not its links, which echo the query). */
export function patientRefs(body: R): Set<string> {
  const out = new Set<string>();
  const text = JSON.stringify(body?.resourceType === 'Bundle' ? body.entry ?? [] : body);
  for (const m of text.matchAll(/Patient\/(\d+)/g)) out.add(m[1]);
  return out;
}

/** The body names no patient other than `allowed` (no reference, no Patient entry). */
export function expectOnlyPatient(res: request.Response, allowed: number): void {
  const others = [...patientRefs(res.body)].filter((p) => p !== String(allowed));
  expect(others).toEqual([]);
  for (const id of entryIds(res)) if (id.startsWith('Patient/')) expect(id).toBe(`Patient/${allowed}`);
}

/** A refusal that reveals nothing: 403 or 404 with an OperationOutcome. */
export function expectRefused(res: request.Response): void {
  expect([403, 404]).toContain(res.status);
  expect(res.body.resourceType).toBe('OperationOutcome');
}
