import { describe, expect, it } from '@jest/globals';
import { FhirError } from '../errors/fhir-error.js';
import type { FhirResource } from '../types.js';
import { fromJson, fromXml, parseBody, serialize, toJson, toXml } from './serialize.js';
import { bundleFixture, edgeCaseFixture, observationFixture, patientFixture, questionnaireFixture } from '../testing/xml-fixtures.js';

const patient = patientFixture;
const observation = observationFixture;

describe('toXml / fromXml', () => {
  it.each([
    ['a patient with narrative, contained resource, primitive extensions and choice types', patient],
    ['an observation with a period, a decimal quantity and choice-typed components', observation],
    ['a searchset bundle with an outcome entry (decimals inside entry resources)', bundleFixture],
    ['element and extension ids, falsy primitives and escapes', edgeCaseFixture],
    ['a questionnaire with nested items (contentReference) and a decimal', questionnaireFixture],
    [
      'an OperationOutcome',
      { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'a < b', expression: ['x'] }] },
    ],
  ])('round-trips %s through XML', (_label, resource) => {
    expect(fromXml(toXml(resource as FhirResource))).toEqual(resource);
    expect(fromXml(toXml(resource as FhirResource, true))).toEqual(resource);
  });

  it('writes elements in R4 definition order, not JSON member order', () => {
    const xml = toXml({ resourceType: 'Patient', birthDate: '2000-01-01', gender: 'male', id: 'x', name: [{ given: ['A'], family: 'B' }] });
    const order = ['<id ', '<name>', '<family ', '<given ', '<gender ', '<birthDate '].map((t) => xml.indexOf(t));
    expect(order.every((pos) => pos > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('writes a primitive extension inside the primitive element and the narrative as XHTML', () => {
    const xml = toXml(patient);
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><Patient xmlns="http:\/\/hl7\.org\/fhir">/);
    expect(xml).toContain(
      '<birthDate value="1970-01-02"><extension url="http://hl7.org/fhir/StructureDefinition/patient-birthTime"><valueDateTime value="1970-01-02T10:30:00-05:00"/></extension></birthDate>',
    );
    expect(xml).toContain('<div xmlns="http://www.w3.org/1999/xhtml"><p>Jane <b>Smith</b> &amp; co &lt;x&gt;</p><br/></div>');
    expect(xml).toContain('<contained><Organization><id value="org1"/><name value="Clinic &quot;North&quot; &lt;1&gt;"/></Organization></contained>');
  });

  it('indents pretty XML but keeps the narrative verbatim', () => {
    const xml = toXml(patient, true);
    expect(xml.split('\n')[1]).toBe('<Patient xmlns="http://hl7.org/fhir">');
    expect(xml).toContain('\n  <id value="p1"/>\n');
    expect(xml).toContain('\n    <div xmlns="http://www.w3.org/1999/xhtml"><p>Jane <b>Smith</b> &amp; co &lt;x&gt;</p><br/></div>\n');
    expect(xml.trimEnd().endsWith('</Patient>')).toBe(true);
  });

  it('accepts comments, whitespace, pretty layout and any element order the reader understands', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment <with a tag-like text> -->
<Patient xmlns="http://hl7.org/fhir">
  <gender value="male"/>
  <id value="x"/>
  <name id="n"><given value="A"/><family value="B"/></name>
</Patient>`;
    expect(fromXml(xml)).toEqual({ resourceType: 'Patient', id: 'x', name: [{ id: 'n', family: 'B', given: ['A'] }], gender: 'male' });
  });

  it('reads decimals, integers and booleans as JSON numbers and booleans', () => {
    const r = fromXml(
      '<Observation xmlns="http://hl7.org/fhir"><status value="final"/><code><text value="x"/></code>' +
        '<valueQuantity><value value="0.50"/></valueQuantity></Observation>',
    );
    expect(r).toEqual({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueQuantity: { value: 0.5 } });
  });

  it.each([
    ['', 'empty body'],
    ['hello', 'namespace'],
    ['<Patient><id value="1"/></Patient>', 'namespace'],
    ['<Patient xmlns="http://hl7.org/fhir"><id value="1"></Patient>', 'malformed XML'],
    ['<Spaceship xmlns="http://hl7.org/fhir"><id value="1"/></Spaceship>', 'Unknown resource type: Spaceship'],
    ['<Patient xmlns="http://hl7.org/fhir"><active value="yes"/></Patient>', 'Value should be a boolean'],
    ['<Patient xmlns="http://hl7.org/fhir"><id value="1"/><bogus value="x"/><gender value="male"/></Patient>', 'element(s): bogus'],
    ['<Patient xmlns="http://hl7.org/fhir"><name><value value="x"/></name></Patient>', 'element(s): name, value'],
    ['<Patient xmlns="http://hl7.org/fhir"><gender value="male"/><gender value="female"/></Patient>', 'element(s): gender'],
    ['<Patient xmlns="http://hl7.org/fhir"><gender value=""/></Patient>', 'element(s): gender'],
    [
      '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Patient xmlns="http://hl7.org/fhir"><id value="&x;"/></Patient>',
      'DTDs',
    ],
  ])('rejects %j with a 400 mentioning %s', (xml, why) => {
    try {
      fromXml(xml);
      throw new Error('expected a FhirError');
    } catch (e) {
      expect(e).toBeInstanceOf(FhirError);
      expect((e as FhirError).status).toBe(400);
      expect((e as FhirError).messageCode).toBe('FORMAT_XML_INVALID');
      expect((e as FhirError).outcome.issue[0].diagnostics).toContain(why);
    }
  });
});

describe('JSON', () => {
  it('writes compact or two-space pretty JSON', () => {
    expect(toJson({ resourceType: 'Patient', id: 'a' })).toBe('{"resourceType":"Patient","id":"a"}');
    expect(toJson({ resourceType: 'Patient', id: 'a' }, true)).toBe('{\n  "resourceType": "Patient",\n  "id": "a"\n}');
  });

  it.each(['', '{', '[]', '{"id":"x"}', 'null', '"Patient"'])('rejects %j with 400 FORMAT_JSON_INVALID', (text) => {
    expect(() => fromJson(text)).toThrow(FhirError);
    try {
      fromJson(text);
    } catch (e) {
      expect((e as FhirError).messageCode).toBe('FORMAT_JSON_INVALID');
    }
  });

  it('serialize / parseBody pick the format and the Content-Type', () => {
    const xml = serialize(observation, 'xml');
    expect(xml.contentType).toBe('application/fhir+xml; charset=utf-8');
    expect(parseBody(xml.body, 'xml')).toEqual(observation);
    const json = serialize(observation, 'json', true);
    expect(json.contentType).toBe('application/fhir+json; charset=utf-8');
    expect(parseBody(json.body, 'json')).toEqual(observation);
  });
});
