/**
 * FHIR JSON and XML representations (https://hl7.org/fhir/R4/json.html, https://hl7.org/fhir/R4/xml.html).
 * XML goes through the `fhir` package (FHIR-aware: element order from the definitions, primitive extensions,
 * narrative XHTML, contained resources); its R4 model is loaded once, on first use.
 */
import { Fhir } from 'fhir';
import { invalid } from '../errors/fhir-error.js';
import type { FhirResource } from '../types.js';
import { contentTypeFor, type FhirFormat } from './negotiate.js';
import { fixResource, type Model } from './xml-decimals.js';
import { droppedElements } from './xml-strict.js';
import { prettyXml } from './xml-pretty.js';
import { writeFhirXml, type XmlModel } from './xml-writer.js';

let fhirInstance: Fhir | undefined;

/** The shared `fhir` converter (building it parses the R4 definitions, ~70 ms). Call at start-up to warm it. */
export function fhirConverter(): Fhir {
  fhirInstance ??= new Fhir();
  return fhirInstance;
}

/** FHIR JSON text; `pretty` indents with two spaces. */
export function toJson(resource: FhirResource, pretty = false): string {
  return pretty ? JSON.stringify(resource, null, 2) : JSON.stringify(resource);
}

/**
 * FHIR XML text (with XML prolog) in the element order of the R4 definitions; `pretty` indents it.
 * Written by {@link writeFhirXml} (same text as the package's `objToXml`, much faster). Members unknown to R4
 * are not written (the JSON produced by this server's mappers has none).
 * @throws Error for a resource type R4 does not define (a programming error, not a client error).
 */
export function toXml(resource: FhirResource, pretty = false): string {
  const model = fhirConverter().parser.parsedStructureDefinitions as unknown as XmlModel;
  const xml = writeFhirXml(resource, model);
  return pretty ? prettyXml(xml) : xml;
}

const FHIR_NS_RE = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z]+)\s[^>]*xmlns="http:\/\/hl7\.org\/fhir"/;

/**
 * Reads FHIR XML into FHIR JSON (decimals as numbers, booleans, integers typed). Strict: an element that the
 * reader would drop (not defined by R4 at that place, a repeated single element, an empty primitive) is a 400.
 * @throws FhirError 400 (`FORMAT_XML_INVALID`) for malformed XML, a root outside the FHIR namespace, an unknown
 *   resource type, DTDs/entities, or a badly typed primitive. The message never echoes the document.
 */
export function fromXml(xml: string): FhirResource {
  const fail = (why: string) => invalid(`The XML body is not a FHIR R4 resource: ${why}`, { messageCode: 'FORMAT_XML_INVALID' });
  if (typeof xml !== 'string' || xml.trim() === '') throw fail('empty body');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw fail('DTDs and entity declarations are not allowed');
  if (!FHIR_NS_RE.test(xml)) throw fail('the root element must be a resource in the namespace http://hl7.org/fhir');
  const converter = fhirConverter();
  let resource: Record<string, unknown> | undefined;
  try {
    resource = converter.xmlToObj(xml) as Record<string, unknown> | undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    const known = /^(Unknown resource type: [A-Za-z]+|Value should be an? [a-z ]+)/.exec(message);
    throw fail(known ? known[1] : 'malformed XML');
  }
  if (!resource || typeof resource.resourceType !== 'string') throw fail('malformed XML');
  try {
    fixResource(converter.parser.parsedStructureDefinitions as unknown as Model, resource);
  } catch {
    throw fail('malformed XML');
  }
  const dropped = droppedElements(xml, toXml(resource as FhirResource));
  if (dropped.length > 0) throw fail(`unknown, misplaced, repeated or empty element(s): ${dropped.slice(0, 10).join(', ')}`);
  return resource as FhirResource;
}

/**
 * Reads FHIR JSON text.
 * @throws FhirError 400 (`FORMAT_JSON_INVALID`) for malformed JSON or a value that is not a resource.
 */
export function fromJson(text: string): FhirResource {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('The JSON body is malformed', { messageCode: 'FORMAT_JSON_INVALID' });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || typeof (value as FhirResource).resourceType !== 'string') {
    throw invalid('The JSON body is not a FHIR resource (no resourceType)', { messageCode: 'FORMAT_JSON_INVALID' });
  }
  return value as FhirResource;
}

/** A serialised response: the body text and its Content-Type (with `charset=utf-8`). */
export interface SerializedBody {
  body: string;
  contentType: string;
}

/** Serialises a resource in the negotiated format. */
export function serialize(resource: FhirResource, format: FhirFormat, pretty = false): SerializedBody {
  return { body: format === 'xml' ? toXml(resource, pretty) : toJson(resource, pretty), contentType: contentTypeFor(format) };
}

/** Parses a request body in the given format (see {@link fromJson} / {@link fromXml}). */
export function parseBody(text: string, format: FhirFormat): FhirResource {
  return format === 'xml' ? fromXml(text) : fromJson(text);
}
