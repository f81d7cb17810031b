import { describe, expect, it } from '@jest/globals';
import { FhirError } from '../errors/fhir-error.js';
import { ID_PARAM, LAST_UPDATED_PARAM, type ResourceSearchSpec } from './search-param-definition.js';
import { parseSearch } from './search-parser.js';
import type { SearchParseOptions } from './parse-state.js';

const spec: ResourceSearchSpec<string> = {
  resourceType: 'Observation',
  params: [
    { ...ID_PARAM, target: 'OBS_ID' },
    { ...LAST_UPDATED_PARAM, target: 'UPDATED_AT' },
    { code: 'patient', type: 'reference', targetTypes: ['Patient'], target: 'PATIENT_ID' },
    { code: 'subject', type: 'reference', targetTypes: ['Patient', 'Group'] },
    { code: 'code', type: 'token' },
    { code: 'category', type: 'token', multipleAnd: false },
    { code: 'date', type: 'date', sortable: true },
    { code: 'value-quantity', type: 'quantity' },
    { code: 'name', type: 'string' },
    { code: 'probability', type: 'number', prefixes: ['eq', 'gt', 'lt'] },
    { code: 'status', type: 'token', multipleOr: false, sortable: true },
    { code: 'url', type: 'uri' },
    { code: 'questionnaire', type: 'reference', canonical: true },
  ],
  includes: ['Observation:patient', 'Observation:subject:Patient', 'Patient:general-practitioner'],
  revincludes: ['Provenance:target'],
};
const opts: SearchParseOptions = { timeZone: 'America/New_York' };

function parseError(query: string, options: SearchParseOptions = opts): FhirError {
  try {
    parseSearch(query, spec, options);
  } catch (e) {
    if (e instanceof FhirError) return e;
    throw e;
  }
  throw new Error(`expected ${query} to fail`);
}

describe('parseSearch: parameter values', () => {
  it.each([
    ['name=smi', { param: 'name', values: [{ kind: 'string', value: 'smi' }] }],
    ['name:exact=Smith', { param: 'name', modifier: 'exact', values: [{ kind: 'string', value: 'Smith' }] }],
    ['name:contains=mit', { param: 'name', modifier: 'contains', values: [{ kind: 'string', value: 'mit' }] }],
    ['name=a\\,b,c', { param: 'name', values: [{ kind: 'string', value: 'a,b' }, { kind: 'string', value: 'c' }] }],
    ['code=1234-5', { param: 'code', values: [{ kind: 'token', value: { code: '1234-5' } }] }],
    ['code=http://loinc.org|1234-5', { param: 'code', values: [{ kind: 'token', value: { system: 'http://loinc.org', code: '1234-5' } }] }],
    ['code=|1234-5', { param: 'code', values: [{ kind: 'token', value: { system: '', code: '1234-5' } }] }],
    ['code=http://loinc.org|', { param: 'code', values: [{ kind: 'token', value: { system: 'http://loinc.org' } }] }],
    ['code=a\\|b', { param: 'code', values: [{ kind: 'token', value: { code: 'a|b' } }] }],
    ['code:not=final', { param: 'code', modifier: 'not', values: [{ kind: 'token', value: { code: 'final' } }] }],
    ['code:text=blood pressure', { param: 'code', modifier: 'text', values: [{ kind: 'string', value: 'blood pressure' }] }],
    ['code:missing=true', { param: 'code', modifier: 'missing', values: [{ kind: 'missing', value: true }] }],
    ['date:missing=false', { param: 'date', modifier: 'missing', values: [{ kind: 'missing', value: false }] }],
    ['patient=123', { param: 'patient', values: [{ kind: 'reference', value: { id: '123' } }] }],
    ['patient=Patient/123', { param: 'patient', values: [{ kind: 'reference', value: { type: 'Patient', id: '123' } }] }],
    ['patient=Patient/123/_history/2', { param: 'patient', values: [{ kind: 'reference', value: { type: 'Patient', id: '123' } }] }],
    [
      'patient=https://ehr.example/fhir/Patient/a-1',
      { param: 'patient', values: [{ kind: 'reference', value: { base: 'https://ehr.example/fhir', type: 'Patient', id: 'a-1' } }] },
    ],
    ['questionnaire=http://loinc.org/q/44249-1', { param: 'questionnaire', values: [{ kind: 'uri', value: 'http://loinc.org/q/44249-1' }] }],
    ['questionnaire=http://loinc.org/q/44249-1|2.76', { param: 'questionnaire', values: [{ kind: 'uri', value: 'http://loinc.org/q/44249-1|2.76' }] }],
    ['questionnaire=Questionnaire/44249-1', { param: 'questionnaire', values: [{ kind: 'reference', value: { type: 'Questionnaire', id: '44249-1' } }] }],
    ['questionnaire=44249-1', { param: 'questionnaire', values: [{ kind: 'reference', value: { id: '44249-1' } }] }],
    ['subject:Patient=7', { param: 'subject', modifier: 'Patient', values: [{ kind: 'reference', value: { type: 'Patient', id: '7' } }] }],
    ['value-quantity=5.4', { param: 'value-quantity', values: [{ kind: 'quantity', value: { prefix: 'eq', value: 5.4 } }] }],
    [
      'value-quantity=gt5.4|http://unitsofmeasure.org|mg',
      { values: [{ kind: 'quantity', value: { prefix: 'gt', value: 5.4, system: 'http://unitsofmeasure.org', code: 'mg' } }] },
    ],
    ['value-quantity=le-1e2||mg', { values: [{ kind: 'quantity', value: { prefix: 'le', value: -100, code: 'mg' } }] }],
    ['probability=gt0.8', { values: [{ kind: 'number', prefix: 'gt', value: 0.8 }] }],
    ['probability=100', { values: [{ kind: 'number', prefix: 'eq', value: 100 }] }],
    ['url=http://x.org/a', { values: [{ kind: 'uri', value: 'http://x.org/a' }] }],
    ['_id=abc,def', { param: '_id', values: [{ kind: 'token', value: { code: 'abc' } }, { kind: 'token', value: { code: 'def' } }] }],
  ])('%s', (query, expected) => {
    const req = parseSearch(query, spec, opts);
    expect(req.clauses).toHaveLength(1);
    expect(req.clauses[0]).toMatchObject(expected);
  });

  it('parses date prefixes into ranges in the clinic zone', () => {
    const req = parseSearch('date=ge2024-03-10&date=lt2024-03-10T12:00:00Z&_lastUpdated=sa2024', spec, opts);
    const [ge, lt, lu] = req.clauses.map((c) => c.values[0]);
    expect(ge).toMatchObject({ kind: 'date', value: { prefix: 'ge', raw: '2024-03-10', isDateOnly: true, precision: 'day' } });
    expect(ge.kind === 'date' && ge.value.start).toBe(Date.UTC(2024, 2, 10, 5));
    expect(lt).toMatchObject({ kind: 'date', value: { prefix: 'lt', isDateOnly: false, start: Date.UTC(2024, 2, 10, 12) } });
    expect(lu).toMatchObject({ kind: 'date', value: { prefix: 'sa', precision: 'year', localStart: '2024-01-01T00:00:00' } });
  });

  it.each(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'])('accepts the date prefix %s', (prefix) => {
    const req = parseSearch(`date=${prefix}2024-05`, spec, opts);
    expect(req.clauses[0].values[0]).toMatchObject({ value: { prefix, raw: '2024-05' } });
  });

  it('ORs comma-separated values and ANDs repeated parameters', () => {
    const req = parseSearch('code=a,b&code=c', spec, opts);
    expect(req.clauses.map((c) => c.values.length)).toEqual([2, 1]);
  });

  it('reads an offset whose + arrived as a space and keeps it as + in raw', () => {
    const req = parseSearch(new URLSearchParams('date=ge2024-03-10T10:00:00+05:30'), spec, opts);
    expect(req.clauses[0].raw).toBe('ge2024-03-10T10:00:00+05:30');
    expect(req.clauses[0].values[0]).toMatchObject({ value: { start: Date.UTC(2024, 2, 10, 4, 30) } });
  });

  it('accepts records with arrays and iterables of entries as input', () => {
    const fromRecord = parseSearch({ code: ['a', 'b'], name: 'x', nothing: undefined }, spec, opts);
    expect(fromRecord.clauses.map((c) => c.raw)).toEqual(['a', 'b', 'x']);
    const fromEntries = parseSearch([['code', 'a']] as const, spec, opts);
    expect(fromEntries.clauses[0].raw).toBe('a');
  });

  it('refuses non-string values from a framework query parser with a 400', () => {
    const nested = { code: { a: 'b' } } as unknown as Record<string, string>;
    expect(() => parseSearch(nested, spec, opts)).toThrow(FhirError);
    const mixed = { code: ['a', 1] } as unknown as Record<string, string[]>;
    expect(() => parseSearch(mixed, spec, opts)).toThrow(/'code' is malformed/);
  });

  it('skips parameters with an empty value and reports them as ignored', () => {
    const req = parseSearch('name=&code=a', spec, opts);
    expect(req.clauses.map((c) => c.param)).toEqual(['code']);
    expect(req.ignored).toEqual(['name']);
  });
});

describe('parseSearch: errors', () => {
  it.each([
    ['foo=1', 'MSG_PARAM_UNKNOWN', 'foo', 'not-supported'],
    ['subject.name=x', 'MSG_PARAM_CHAINED', 'subject.name', 'not-supported'],
    ['name:sounds=x', 'MSG_PARAM_MODIFIER_INVALID', 'name:sounds', 'not-supported'],
    ['code:exact=x', 'MSG_PARAM_MODIFIER_INVALID', 'code:exact', 'not-supported'],
    ['patient:Group=1', 'MSG_PARAM_MODIFIER_INVALID', 'patient:Group', 'not-supported'],
    ['patient:lowercase=1', 'MSG_PARAM_MODIFIER_INVALID', 'patient:lowercase', 'not-supported'],
    ['_has:Observation:patient:code=1', 'MSG_PARAM_UNKNOWN', '_has:Observation:patient:code', 'not-supported'],
    ['_include=*', 'SEARCH_INCLUDE_UNSUPPORTED', '_include', 'not-supported'],
    ['_include=Observation:performer', 'SEARCH_INCLUDE_UNSUPPORTED', '_include', 'not-supported'],
    ['_include=Patient:general-practitioner', 'SEARCH_INCLUDE_UNSUPPORTED', '_include', 'not-supported'],
    ['_include=Observation:subject:Group', 'SEARCH_INCLUDE_UNSUPPORTED', '_include', 'not-supported'],
    ['_revinclude=Provenance:target:Patient', 'SEARCH_INCLUDE_UNSUPPORTED', '_revinclude', 'not-supported'],
    ['_include:deep=Observation:patient', 'MSG_PARAM_MODIFIER_INVALID', '_include:deep', 'not-supported'],
    ['_count:exact=1', 'MSG_PARAM_MODIFIER_INVALID', '_count:exact', 'not-supported'],
  ])('%s is an unsupported-parameter 400 (%s)', (query, messageCode, expression, code) => {
    const e = parseError(query);
    expect(e.status).toBe(400);
    expect(e.outcome.issue).toHaveLength(1);
    expect(e.outcome.issue[0]).toMatchObject({ code, expression: [expression], details: { coding: [{ code: messageCode }] } });
  });

  it.each([
    ['date=2024-02-30', 'MSG_PARAM_INVALID', 'date'],
    ['date=xx2024', 'MSG_PARAM_INVALID', 'date'],
    ['probability=ge1', 'MSG_PARAM_INVALID', 'probability'],
    ['probability=abc', 'MSG_PARAM_INVALID', 'probability'],
    ['value-quantity=5|mg', 'MSG_PARAM_INVALID', 'value-quantity'],
    ['value-quantity=kg', 'MSG_PARAM_INVALID', 'value-quantity'],
    ['code=|', 'MSG_PARAM_INVALID', 'code'],
    ['code=a|b|c', 'MSG_PARAM_INVALID', 'code'],
    ['code=a,,b', 'MSG_PARAM_INVALID', 'code'],
    ['code:missing=yes', 'MSG_PARAM_INVALID', 'code:missing'],
    ['code:missing=true,false', 'MSG_PARAM_INVALID', 'code:missing'],
    ['patient=Group/1', 'MSG_PARAM_INVALID', 'patient'],
    ['patient=https://x.org/fhir/Group/1', 'MSG_PARAM_INVALID', 'patient'],
    ['patient=not a ref', 'MSG_PARAM_INVALID', 'patient'],
    ['patient=http://loinc.org/q/44249-1', 'MSG_PARAM_INVALID', 'patient'],
    ['questionnaire=http://loinc.org/q/x y', 'MSG_PARAM_INVALID', 'questionnaire'],
    ['subject:Patient=Patient/1', 'MSG_PARAM_INVALID', 'subject:Patient'],
    ['status=a,b', 'MSG_PARAM_INVALID', 'status'],
    ['category=a&category=b', 'MSG_PARAM_NO_REPEAT', 'category'],
    ['url=a b', 'MSG_PARAM_INVALID', 'url'],
    ['_count=-1', 'MSG_PARAM_INVALID', '_count'],
    ['_count=ten', 'MSG_PARAM_INVALID', '_count'],
    ['_count=1.5', 'MSG_PARAM_INVALID', '_count'],
    ['_count=1&_count=2', 'MSG_PARAM_NO_REPEAT', '_count'],
    ['_sort=code', 'MSG_SORT_UNKNOWN', '_sort'],
    ['_sort=-nothing', 'MSG_SORT_UNKNOWN', '_sort'],
    ['_sort=date,-date', 'MSG_SORT_UNKNOWN', '_sort'],
    ['_summary=maybe', 'MSG_PARAM_INVALID', '_summary'],
    ['_total=all', 'MSG_PARAM_INVALID', '_total'],
    ['_pretty=yes', 'MSG_PARAM_INVALID', '_pretty'],
    ['_elements=name,1x', 'MSG_PARAM_INVALID', '_elements'],
    ['_cursor=a.b', 'SEARCH_CURSOR_INVALID', '_cursor'],
    ['_include=Observation', 'MSG_PARAM_INVALID', '_include'],
  ])('%s is an invalid-value 400 (%s)', (query, messageCode, expression) => {
    const e = parseError(query);
    expect(e.status).toBe(400);
    expect(e.outcome.issue[0]).toMatchObject({ code: 'invalid', expression: [expression], details: { coding: [{ code: messageCode }] } });
    expect(e.outcome.issue[0].diagnostics).toMatch(/\S/);
  });

  it('names every problem of a request in one OperationOutcome', () => {
    const e = parseError('foo=1&name:bogus=2&date=2024-13&code=ok&_count=x');
    expect(e.outcome.issue.map((i) => i.expression?.[0])).toEqual(['foo', 'name:bogus', 'date', '_count']);
    expect(e.outcome.issue[0].diagnostics).toContain("'foo'");
    expect(e.outcome.issue[0].diagnostics).toContain('supported: _id, _lastUpdated, category, code');
  });

  it('under lenient handling ignores unknown parameters, modifiers and includes but still rejects bad values', () => {
    const lenient = { ...opts, lenient: true };
    const req = parseSearch('foo=1&name:bogus=2&code=a&_include=Observation:performer&x.y=1', spec, lenient);
    expect(req.ignored).toEqual(['foo', 'name:bogus', '_include', 'x.y']);
    expect(req.clauses.map((c) => c.param)).toEqual(['code']);
    expect(req.include).toEqual([]);
    expect(parseError('foo=1&date=2024-13', lenient).outcome.issue.map((i) => i.expression?.[0])).toEqual(['date']);
  });

  it('refuses more parameter values than maxValues with too-costly', () => {
    const many = Array.from({ length: 201 }, (_, i) => `c${i}`).join(',');
    const e = parseError(`code=${many}`);
    expect(e.outcome.issue[0]).toMatchObject({ code: 'too-costly', details: { coding: [{ code: 'SEARCH_TOO_COSTLY' }] } });
    expect(parseSearch('code=a,b&code=c', spec, { ...opts, maxValues: 3 }).clauses).toHaveLength(2);
    expect(parseError('code=a,b&code=c,d', { ...opts, maxValues: 3 }).status).toBe(400);
  });

  it('never leaks a stack or non-FhirError for garbage input', () => {
    for (const q of ['%', '&&&', '=x', ':=1', 'code:=1', 'date=ge', '_sort=', '_sort=,', 'patient=Patient/']) {
      try {
        parseSearch(q, spec, opts);
      } catch (e) {
        expect(e).toBeInstanceOf(FhirError);
        expect((e as FhirError).status).toBe(400);
      }
    }
  });
});

describe('parseSearch: result parameters', () => {
  it('defaults _count to 50 and caps it at the maximum', () => {
    expect(parseSearch('', spec, opts).count).toBe(50);
    expect(parseSearch('_count=5000', spec, opts).count).toBe(1000);
    expect(parseSearch('_count=20', spec, { ...opts, defaultCount: 10, maxCount: 15 }).count).toBe(15);
    expect(parseSearch('', spec, { ...opts, defaultCount: 10 }).count).toBe(10);
  });

  it('allows _count=0 (total only)', () => {
    expect(parseSearch('_count=0', spec, opts).count).toBe(0);
  });

  it('parses _sort lists with descending markers in order', () => {
    expect(parseSearch('_sort=-date,status,_id', spec, opts).sort).toEqual([
      { param: 'date', descending: true },
      { param: 'status', descending: false },
      { param: '_id', descending: false },
    ]);
  });

  it('parses _include, _include:iterate (and R4 :recurse) and _revinclude, dropping duplicates', () => {
    const req = parseSearch(
      '_include=Observation:patient&_include=Observation:patient&_include:iterate=Patient:general-practitioner' +
        '&_include:recurse=Observation:subject:Patient&_revinclude=Provenance:target',
      spec,
      opts,
    );
    expect(req.include).toEqual([
      { sourceType: 'Observation', param: 'patient', targetType: undefined, iterate: false },
      { sourceType: 'Patient', param: 'general-practitioner', targetType: undefined, iterate: true },
      { sourceType: 'Observation', param: 'subject', targetType: 'Patient', iterate: true },
    ]);
    expect(req.revinclude).toEqual([{ sourceType: 'Provenance', param: 'target', targetType: undefined, iterate: false }]);
  });

  it('accepts _include=* when the spec supports the wildcard', () => {
    const req = parseSearch('_include=*', { ...spec, wildcardInclude: true }, opts);
    expect(req.include).toEqual([{ sourceType: '*', param: '*', iterate: false }]);
  });

  it('parses _summary, _total, _elements, _format, _pretty and _cursor', () => {
    const req = parseSearch(
      '_summary=count&_total=accurate&_elements=Observation.status,code,status&_format=xml&_pretty=true&_cursor=abc_-1',
      spec,
      opts,
    );
    expect(req).toMatchObject({
      summary: 'count',
      total: 'accurate',
      elements: ['status', 'code'],
      format: 'xml',
      pretty: true,
      cursor: 'abc_-1',
      clauses: [],
    });
  });
});
