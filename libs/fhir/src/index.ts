/**
 * `libs/fhir`: FHIR R4 core without a database: errors (OperationOutcome), search parsing, Bundles and paging,
 * JSON/XML formats, `_summary` / `_elements`, and the CapabilityStatement. No ORM, no framework; pure functions,
 * precomputed per resource type. See `libs/fhir/README.md` for an overview of the API.
 */
export type { Coding, Meta, FhirResource, Resource, ResourceType } from './types.js';

// Errors: FhirError (HTTP status + OperationOutcome, stable message codes) and its factories.
export * from './errors/operation-outcome.js';
export * from './errors/fhir-error.js';

// Search: the SearchRequest contract, parameter declarations, parsing, links, date ranges.
export * from './search/search-request.js';
export * from './search/search-param-definition.js';
export { compileSearchSpec, type CompiledSearchSpec, type CompiledParam } from './search/compiled-spec.js';
export { parseSearch, type SearchQueryInput } from './search/search-parser.js';
export type { SearchParseOptions } from './search/parse-state.js';
export { toQueryString, serialiseValue, encodeQueryComponent, type QueryStringOverrides } from './search/query-string.js';
export { parseFhirDate, type FhirDateRange, type DatePrecision } from './search/fhir-date.js';
export { escapeValue, unescapeValue, splitUnescaped } from './search/escape.js';

// Bundles and paging.
export * from './bundle/cursor.js';
export * from './bundle/search-bundle.js';

// Formats: negotiation, JSON/XML serialisers, Prefer header.
export * from './format/negotiate.js';
export { toJson, toXml, fromJson, fromXml, serialize, parseBody, fhirConverter, type SerializedBody } from './format/serialize.js';
export { writeFhirXml, escapeAttribute, type XmlModel } from './format/xml-writer.js';
export { prettyXml } from './format/xml-pretty.js';
export { parsePrefer, type FhirPreferences } from './format/prefer.js';

// _summary / _elements.
export * from './elements/elements.js';

// CapabilityStatement and US Core 6.1.0 requirements.
export * from './capability/capability-statement.js';
export * from './capability/us-core.js';
