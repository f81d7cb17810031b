import { describe, expect, it } from '@jest/globals';
import { buildCapabilityStatement } from '../capability/capability-statement.js';
import { fhirConverter } from './serialize.js';
import { bundleFixture, edgeCaseFixture, observationFixture, patientFixture, questionnaireFixture } from '../testing/xml-fixtures.js';
import { escapeAttribute, writeFhirXml, type XmlModel } from './xml-writer.js';

const model = () => fhirConverter().parser.parsedStructureDefinitions as unknown as XmlModel;
const capability = buildCapabilityStatement(
  [{ type: 'Patient', interactions: ['read', 'search-type'], searchParams: [{ name: 'name', type: 'string' }], searchRevInclude: ['Provenance:target'] }],
  { baseUrl: 'https://x/fhir', date: '2026-01-01', software: { name: 'x', version: '1' }, smart: { authorize: 'https://a/authorize', token: 'https://a/token' } },
);

describe('writeFhirXml', () => {
  it.each([
    ['patient', patientFixture],
    ['observation', observationFixture],
    ['edge cases', edgeCaseFixture],
    ['questionnaire', questionnaireFixture],
    ['bundle', bundleFixture],
    ['capability statement', capability],
  ])('writes the same text as the fhir package for the %s fixture', (_label, resource) => {
    expect(writeFhirXml(resource as Record<string, unknown>, model())).toBe(fhirConverter().objToXml(resource));
  });

  it('adds the XHTML namespace to a narrative div without one', () => {
    const xml = writeFhirXml({ resourceType: 'Patient', text: { status: 'generated', div: '<div class="a"><p>x</p></div>' } }, model());
    expect(xml).toContain('<div class="a" xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div>');
  });

  it('writes primitive-extension-only array items that the package drops', () => {
    const xml = writeFhirXml({ resourceType: 'Patient', name: [{ _given: [{ extension: [{ url: 'http://x', valueCode: 'a' }] }] }] }, model());
    expect(xml).toContain('<name><given><extension url="http://x"><valueCode value="a"/></extension></given></name>');
  });

  it('refuses unknown resource types and a narrative that is not a div', () => {
    expect(() => writeFhirXml({ resourceType: 'Spaceship' }, model())).toThrow('Unknown resource type: Spaceship');
    expect(() => writeFhirXml({ resourceType: 'Patient', text: { status: 'generated', div: '<p>x</p>' } }, model())).toThrow(/div/);
  });

  it('escapes attribute values like the package', () => {
    expect(escapeAttribute('a&b<c>d"e\r\nf')).toBe('a&amp;b&lt;c&gt;d&quot;e&#xD;&#xA;f');
    expect(escapeAttribute("plain 'text'")).toBe("plain 'text'");
  });
});
