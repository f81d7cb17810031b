import { describe, expect, it } from '@jest/globals';
import { requestLabelsOf } from './telemetry-hooks.js';

const types = new Set(['Patient', 'Observation', 'DocumentReference']);
const labels = (method: string, route: string | undefined, type?: string) => requestLabelsOf(method, route, type, types);

describe('request labels of the FHIR API', () => {
  it('names the interaction from the route template and method', () => {
    expect(labels('GET', '/fhir/:type/:id', 'Patient')).toEqual({ interaction: 'read', resourceType: 'Patient' });
    expect(labels('HEAD', '/open/:type/:id', 'Patient')).toEqual({ interaction: 'read', resourceType: 'Patient' });
    expect(labels('GET', '/fhir/:type', 'Observation')).toEqual({ interaction: 'search', resourceType: 'Observation' });
    expect(labels('POST', '/fhir/:type/_search', 'Observation')).toEqual({ interaction: 'search', resourceType: 'Observation' });
    expect(labels('POST', '/fhir/:type', 'Observation')).toEqual({ interaction: 'create', resourceType: 'Observation' });
    expect(labels('PUT', '/fhir/:type/:id', 'Patient')).toEqual({ interaction: 'update', resourceType: 'Patient' });
    expect(labels('GET', '/fhir/:type/:id/_history/:vid', 'Patient')).toEqual({ interaction: 'vread', resourceType: 'Patient' });
    expect(labels('GET', '/fhir/:type/:id/_history', 'Patient')).toEqual({ interaction: 'history', resourceType: 'Patient' });
    expect(labels('POST', '/fhir/DocumentReference/$docref')).toEqual({ interaction: 'operation', resourceType: 'DocumentReference' });
    expect(labels('GET', '/fhir/metadata')).toEqual({ interaction: 'capabilities', resourceType: '-' });
    expect(labels('GET', '/fhir/.well-known/smart-configuration')).toEqual({ interaction: 'discovery', resourceType: '-' });
    expect(labels('DELETE', '/fhir/:type/:id', 'Patient')).toEqual({ interaction: 'other', resourceType: 'Patient' });
  });

  it('never takes a value from the URL: unknown types (any spelling) are "other", unmatched routes "-"', () => {
    expect(labels('GET', '/fhir/:type/:id', 'patient')).toEqual({ interaction: 'read', resourceType: 'other' });
    expect(labels('GET', '/fhir/:type', 'Smith, John')).toEqual({ interaction: 'search', resourceType: 'other' });
    expect(labels('GET', undefined)).toEqual({ interaction: 'other', resourceType: '-' });
  });
});
