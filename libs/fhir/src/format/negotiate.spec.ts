import { describe, expect, it } from '@jest/globals';
import { FhirError } from '../errors/fhir-error.js';
import { contentTypeFor, negotiateFormat, requestBodyFormat } from './negotiate.js';

function status(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    if (e instanceof FhirError) return e.status;
    throw e;
  }
  return 200;
}

describe('negotiateFormat', () => {
  it.each([
    [undefined, undefined, 'json'],
    ['', undefined, 'json'],
    ['application/fhir+json', undefined, 'json'],
    ['application/json', undefined, 'json'],
    ['application/fhir+xml', undefined, 'xml'],
    ['application/xml', undefined, 'xml'],
    ['text/xml', undefined, 'xml'],
    ['*/*', undefined, 'json'],
    ['application/*', undefined, 'json'],
    ['text/*', undefined, 'xml'],
    ['APPLICATION/FHIR+XML; charset=UTF-8', undefined, 'xml'],
    ['application/fhir+xml;q=0.5, application/fhir+json;q=0.9', undefined, 'json'],
    ['application/fhir+json;q=0.2, application/fhir+xml', undefined, 'xml'],
    ['application/fhir+xml, application/fhir+json', undefined, 'xml'],
    // a browser: text/html cannot be produced, application/xml (0.9) beats */* (0.8)
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', undefined, 'xml'],
    ['text/html, */*;q=0.1', undefined, 'json'],
    ['application/fhir+xml;q=0, */*', undefined, 'json'],
    ['application/fhir+xml; fhirVersion=3.0, application/fhir+json; fhirVersion=4.0', undefined, 'json'],
    ['application/fhir+xml', 'json', 'json'],
    ['application/fhir+json', 'xml', 'xml'],
    [undefined, 'application/fhir+xml', 'xml'],
    [undefined, 'application/fhir xml', 'xml'],
    [undefined, 'text/xml', 'xml'],
    [undefined, 'application/json', 'json'],
    [undefined, 'JSON', 'json'],
  ])('Accept %j with _format %j gives %s', (accept, format, expected) => {
    expect(negotiateFormat(accept, format)).toBe(expected);
  });

  it.each([
    ['text/html', undefined],
    ['application/pdf, image/*', undefined],
    ['application/fhir+json;q=0', undefined],
    ['application/fhir+json; fhirVersion=5.0', undefined],
    [undefined, 'turtle'],
    [undefined, 'html'],
    ['application/fhir+json', 'csv'],
  ])('Accept %j with _format %j is a 406', (accept, format) => {
    expect(status(() => negotiateFormat(accept, format))).toBe(406);
    try {
      negotiateFormat(accept, format);
    } catch (e) {
      expect((e as FhirError).messageCode).toBe('FORMAT_NOT_ACCEPTABLE');
      expect((e as FhirError).outcome.issue[0].code).toBe('not-supported');
    }
  });
});

describe('contentTypeFor / requestBodyFormat', () => {
  it('answers with FHIR media types and charset=utf-8', () => {
    expect(contentTypeFor('json')).toBe('application/fhir+json; charset=utf-8');
    expect(contentTypeFor('xml')).toBe('application/fhir+xml; charset=utf-8');
  });

  it.each([
    ['application/fhir+json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['application/fhir+xml;charset="UTF-8"', 'xml'],
    ['text/xml', 'xml'],
  ])('reads a %s body as %s', (ct, expected) => {
    expect(requestBodyFormat(ct)).toBe(expected);
  });

  it.each([undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'application/fhir+json; charset=iso-8859-1'])(
    'rejects Content-Type %j with 415',
    (ct) => {
      expect(status(() => requestBodyFormat(ct))).toBe(415);
    },
  );
});
