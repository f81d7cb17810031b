import { describe, expect, it } from '@jest/globals';
import { ID_PARAM, type ResourceSearchSpec } from './search-param-definition.js';
import { parseSearch } from './search-parser.js';
import { toQueryString, serialiseValue } from './query-string.js';
import type { SearchClause, SearchRequest } from './search-request.js';

const spec: ResourceSearchSpec = {
  resourceType: 'Observation',
  params: [
    ID_PARAM,
    { code: 'patient', type: 'reference' },
    { code: 'subject', type: 'reference' },
    { code: 'code', type: 'token' },
    { code: 'date', type: 'date', sortable: true },
    { code: 'value-quantity', type: 'quantity' },
    { code: 'name', type: 'string' },
    { code: 'probability', type: 'number' },
  ],
  includes: ['Observation:patient', 'Patient:organization'],
  revincludes: ['Provenance:target'],
};
const opts = { timeZone: 'Europe/Berlin' };

describe('toQueryString', () => {
  it.each([
    'name=Smith',
    'name=M%C3%BCller%20%E6%9D%8E',
    'name:exact=O%27Brien%20%26%20Sons',
    'name=a%5C%2Cb,c',
    'code=http://loinc.org|8480-6,http://loinc.org|8462-4&code:not=|x',
    'code=a%5C%7Cb',
    'date=ge2024-03-10T10:00:00%2B05:30&date=lt2025',
    'date=ge2024-03-10T10:00:00+05:30',
    'patient=Patient/1&subject:Patient=2&subject=https://a.b/fhir/Patient/3',
    'value-quantity=gt5.40|http://unitsofmeasure.org|mg&probability=1.50',
    'code:missing=true',
    '_id=a,b&_sort=-date,_id&_count=0&_summary=count&_total=accurate',
    '_include=Observation:patient&_include:iterate=Patient:organization&_revinclude=Provenance:target',
    '_elements=status,code&_format=application/fhir+json&_pretty=false&_cursor=abc',
  ])('round-trips %s', (query) => {
    const first = parseSearch(query, spec, opts);
    const qs = toQueryString(first);
    const second = parseSearch(qs, spec, opts);
    expect(second).toEqual(first);
  });

  it('writes clauses in order, then result parameters, always with _count', () => {
    const req = parseSearch('code=x&name=y&_sort=date&_include=Observation:patient', spec, opts);
    expect(toQueryString(req)).toBe('code=x&name=y&_include=Observation:patient&_sort=date&_count=50');
  });

  it('keeps number and date literals exactly as sent (their precision matters)', () => {
    const req = parseSearch('probability=1.50&date=2024-03&value-quantity=5.40', spec, opts);
    expect(toQueryString(req)).toBe('probability=1.50&date=2024-03&value-quantity=5.40&_count=50');
  });

  it('encodes + so that an offset is not read back as a space, and leaves parameters that were ignored out', () => {
    const req = parseSearch('date=2024-03-10T10:00:00%2B01:00&foo=1', spec, { ...opts, lenient: true });
    expect(req.ignored).toEqual(['foo']);
    expect(toQueryString(req)).toBe('date=2024-03-10T10:00:00%2B01:00&_count=50');
  });

  it('replaces or drops the cursor and count on request', () => {
    const req = parseSearch('code=x&_cursor=old', spec, opts);
    expect(toQueryString(req, { cursor: 'new', count: 10 })).toBe('code=x&_count=10&_cursor=new');
    expect(toQueryString(req, { cursor: null })).toBe('code=x&_count=50');
  });

  it('serialises clauses built by code (without raw) from their values', () => {
    const clauses: SearchClause[] = [
      { param: 'code', values: [{ kind: 'token', value: { system: 'http://s', code: 'a,b' } }, { kind: 'token', value: { system: '' , code: 'c' } }] },
      { param: 'subject', modifier: 'Patient', values: [{ kind: 'reference', value: { type: 'Patient', id: '9' } }] },
      { param: 'value-quantity', values: [{ kind: 'quantity', value: { prefix: 'ge', value: 3, code: 'mg' } }] },
      { param: 'probability', values: [{ kind: 'number', prefix: 'lt', value: 0.5 }] },
      { param: 'name', modifier: 'missing', values: [{ kind: 'missing', value: false }] },
    ];
    const req: SearchRequest = { resourceType: 'Observation', clauses, count: 5, sort: [], include: [], revinclude: [], ignored: [] };
    expect(toQueryString(req)).toBe(
      'code=http://s|a%5C,b,|c&subject:Patient=9&value-quantity=ge3||mg&probability=lt0.5&name:missing=false&_count=5',
    );
    const back = parseSearch(toQueryString(req), spec, opts);
    expect(back.clauses.map((c) => c.values)).toEqual(clauses.map((c) => c.values));
  });

  it('serialises an absolute reference with its base', () => {
    expect(serialiseValue({ kind: 'reference', value: { base: 'http://b/fhir', type: 'Patient', id: '1' } })).toBe('http://b/fhir/Patient/1');
  });
});
