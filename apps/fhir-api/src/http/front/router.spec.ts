import { describe, expect, it } from '@jest/globals';
import { fhirBaseOf, pathOf, queryOf, routeOf } from './router.js';

const route = (method: string, url: string) => {
  const path = pathOf(url);
  const base = fhirBaseOf(path);
  if (!base) return 'not-fhir';
  const r = routeOf(method, path, base);
  return [r.kind, r.base, r.type, r.id, r.vid, r.raw].filter((v) => v !== '').join(' ');
};

describe('pathOf / queryOf / fhirBaseOf', () => {
  it('splits path and query once, drops a fragment, and reads absolute-form URLs', () => {
    expect(pathOf('/fhir/Patient?name=a')).toBe('/fhir/Patient');
    expect(queryOf('/fhir/Patient?name=a&b=c')).toBe('name=a&b=c');
    expect(queryOf('/fhir/Patient')).toBe('');
    expect(pathOf('/fhir/metadata#x?y')).toBe('/fhir/metadata');
    expect(queryOf('/fhir/metadata#x?y')).toBe('');
    expect(queryOf('/fhir/metadata?a=1#x')).toBe('a=1');
    expect(pathOf('http://example.com/fhir/Patient/1?x')).toBe('/fhir/Patient/1');
    expect(pathOf('http://example.com')).toBe('/');
  });

  it('recognises both bases in any case, and nothing that only starts like them', () => {
    expect(fhirBaseOf('/fhir')).toBe('fhir');
    expect(fhirBaseOf('/FHIR/Patient')).toBe('fhir');
    expect(fhirBaseOf('/Open/')).toBe('open');
    for (const p of ['/fhirx/Patient', '/fhir-x', '/opens', '/', '/healthz', '/fhi', '//fhir/Patient', '/fh\u0131r/x', '/FH\u0130R', '/fhIr/', '/\u0146pen']) {
      expect(fhirBaseOf(p)).toBe(p === '/fhIr/' ? 'fhir' : undefined);
    }
  });
});

describe('routeOf: the method/path matrix of the former controller', () => {
  it.each([
    ['GET', '/fhir/metadata', 'metadata fhir'],
    ['HEAD', '/open/METADATA/', 'metadata open'],
    ['POST', '/fhir/metadata', 'unsupported fhir metadata'],
    ['GET', '/fhir/.well-known/smart-configuration', 'smart-configuration fhir'],
    ['POST', '/fhir/.well-known/smart-configuration', 'unsupported fhir .well-known smart-configuration'],
    ['GET', '/fhir/.well-known', 'search fhir .well-known'],
    ['GET', '/fhir/Patient', 'search fhir Patient'],
    ['HEAD', '/fhir/Patient/', 'search fhir Patient'],
    ['POST', '/fhir/Patient', 'unsupported fhir Patient'],
    ['DELETE', '/fhir/Patient', 'unsupported fhir Patient'],
    ['POST', '/fhir/Patient/_search', 'search-post fhir Patient _search'],
    ['POST', '/fhir/Patient/_SEARCH/', 'search-post fhir Patient _SEARCH'],
    ['GET', '/fhir/Patient/_search', 'read fhir Patient _search'],
    ['HEAD', '/fhir/Patient/_search', 'read fhir Patient _search'],
    ['PUT', '/fhir/Patient/_search', 'unsupported fhir Patient _search'],
    ['GET', '/fhir/Patient/1', 'read fhir Patient 1'],
    ['GET', '/fhir/Patient/1/', 'read fhir Patient 1'],
    ['PUT', '/fhir/Patient/1', 'unsupported fhir Patient 1'],
    ['GET', '/fhir/Patient/1/_history', 'unsupported fhir Patient 1'],
    ['GET', '/fhir/Patient/1/_history/2', 'vread fhir Patient 1 2'],
    ['HEAD', '/fhir/Patient/1/_HISTORY/2', 'vread fhir Patient 1 2'],
    ['DELETE', '/fhir/Patient/1/_history/2', 'unsupported fhir Patient 1 2'],
    ['GET', '/fhir/Patient/1/x', 'no-route fhir'],
    ['GET', '/fhir/Patient/1/_history/1/x', 'no-route fhir'],
    ['GET', '/fhir', 'no-route fhir'],
    ['GET', '/fhir/', 'no-route fhir'],
    ['POST', '/open', 'no-route open'],
  ])('%s %s -> %s', (method, url, expected) => {
    expect(route(method, url)).toBe(expected);
  });

  it('decodes each parameter, and answers a malformed escape as a bad parameter naming the raw segment', () => {
    expect(route('GET', '/fhir/Pat%69ent/%31')).toBe('read fhir Patient 1');
    expect(route('GET', '/fhir/Patient/%2F')).toBe('read fhir Patient /');
    expect(route('GET', '/fhir/Patient%2F1')).toBe('search fhir Patient/1');
    expect(route('GET', '/fhir/Patient/%E0%A4%A')).toBe('bad-param fhir %E0%A4%A');
    expect(route('GET', '/fhir/%E0%A4%A')).toBe('bad-param fhir %E0%A4%A');
    expect(route('DELETE', '/fhir/%E0%A4%A/1')).toBe('bad-param fhir %E0%A4%A');
    expect(route('GET', '/fhir/Patient/1/_history/%zz')).toBe('bad-param fhir %zz');
  });

  it('never normalises empty or dot segments into another route', () => {
    for (const url of ['/fhir//Patient/1', '/fhir/Patient//1', '/fhir/../open/Patient/1', '/fhir/./Patient/1', '/fhir/Patient/1//', '/fhir/%2e%2e/open/Patient/1']) {
      expect(route('GET', url)).toBe('no-route fhir');
    }
    // One dot segment is just an (unknown) type or id, answered by the service.
    expect(route('GET', '/fhir/..')).toBe('search fhir ..');
    expect(route('GET', '/fhir/Patient/..')).toBe('read fhir Patient ..');
  });

  it('keeps the base of the path, whatever the spelling', () => {
    expect(route('GET', '/OPEN/Patient/1')).toBe('read open Patient 1');
    expect(route('GET', '/oPeN/Observation?patient=1')).toBe('search open Observation');
    expect(route('GET', '/fhir/patient/1')).toBe('read fhir patient 1');
    expect(route('GET', '/fhirx/Patient/1')).toBe('not-fhir');
  });
});
