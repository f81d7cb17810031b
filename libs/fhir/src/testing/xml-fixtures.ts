/** Resources used by the XML tests (serialiser round trips and the writer/package equivalence). */
import type { FhirResource } from '../types.js';

export const patientFixture: FhirResource = {
  resourceType: 'Patient',
  id: 'p1',
  meta: { lastUpdated: '2024-03-10T10:00:00-04:00', profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'] },
  text: {
    status: 'generated',
    div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Jane <b>Smith</b> &amp; co &lt;x&gt;</p><br/></div>',
  },
  contained: [{ resourceType: 'Organization', id: 'org1', name: 'Clinic "North" <1>' }],
  extension: [
    {
      url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
      extension: [{ url: 'text', valueString: 'Unknown' }],
    },
  ],
  identifier: [{ system: 'urn:mrn', value: 'MRN-1' }],
  active: true,
  name: [{ family: 'Smith', given: ['Jane', 'Q'], _given: [null, { extension: [{ url: 'http://ex/initial', valueBoolean: true }] }] }],
  gender: 'female',
  birthDate: '1970-01-02',
  _birthDate: {
    extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: '1970-01-02T10:30:00-05:00' }],
  },
  deceasedBoolean: false,
  multipleBirthInteger: 2,
  managingOrganization: { reference: '#org1' },
};

export const observationFixture: FhirResource = {
  resourceType: 'Observation',
  id: 'o1',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }], text: 'Heart rate' },
  subject: { reference: 'Patient/p1' },
  effectivePeriod: { start: '2024-01-01T10:00:00Z', end: '2024-01-01T10:05:00Z' },
  valueQuantity: { value: 72.5, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  component: [
    { code: { text: 'a' }, valueCodeableConcept: { text: 'x' } },
    { code: { text: 'b' }, valueInteger: -3 },
    { code: { text: 'c' }, dataAbsentReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' }] } },
  ],
};

/** Element ids, extension ids, falsy primitives, escapes, member order unlike the definition. */
export const edgeCaseFixture: FhirResource = {
  multipleBirthInteger: 0,
  resourceType: 'Patient',
  active: false,
  name: [
    {
      id: 'n1',
      extension: [{ id: 'e1', url: 'http://u?a=1&b="2"', valueString: 'line1\nline2\r\t<tag>' }],
      family: 'F',
      _family: { id: 'fid', extension: [{ url: 'http://x', valueCode: 'c' }] },
    },
  ],
  telecom: [{ system: 'phone', value: '+1 555', rank: 1 }],
  id: 'edge',
};

/** contentReference (`Questionnaire.item.item`) and nested backbone elements. */
export const questionnaireFixture: FhirResource = {
  resourceType: 'Questionnaire',
  id: 'q',
  status: 'active',
  item: [
    {
      linkId: '1',
      type: 'group',
      item: [
        { linkId: '1.1', type: 'decimal', text: 'Weight', initial: [{ valueDecimal: 70.25 }] },
        { linkId: '1.2', type: 'choice', answerOption: [{ valueCoding: { code: 'y' } }, { valueCoding: { code: 'n' } }] },
      ],
    },
  ],
};

export const bundleFixture: FhirResource = {
  resourceType: 'Bundle',
  type: 'searchset',
  total: 2,
  link: [{ relation: 'self', url: 'https://x/fhir/Patient?name=a&_count=50' }],
  entry: [
    { fullUrl: 'https://x/fhir/Patient/p1', resource: patientFixture, search: { mode: 'match' } },
    { fullUrl: 'https://x/fhir/Observation/o1', resource: observationFixture, search: { mode: 'include' } },
    {
      resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'processing', diagnostics: 'a < b', expression: ['x'] }] },
      search: { mode: 'outcome' },
    },
  ],
};
