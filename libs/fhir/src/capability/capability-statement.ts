/**
 * The server's CapabilityStatement (https://hl7.org/fhir/R4/capabilitystatement.html), built only from what the
 * engine declares it does, so that it can never advertise an unsupported interaction, parameter or include.
 * Instantiates the US Core 6.1.0 server statement and describes SMART on FHIR security
 * (https://hl7.org/fhir/smart-app-launch/STU2/conformance.html).
 */
import type { SearchParamType } from '../search/search-request.js';
import type { ResourceSearchSpec } from '../search/search-param-definition.js';
import type { FhirResource } from '../types.js';
import { searchParameterUrl, usCoreProfile, usCoreRequirements, type Expectation } from './us-core.js';

/** Type-level and instance-level REST interactions (https://hl7.org/fhir/R4/valueset-type-restful-interaction.html). */
export type RestInteraction = 'read' | 'vread' | 'update' | 'patch' | 'delete' | 'history-instance' | 'history-type' | 'create' | 'search-type';
/** System-level interactions. */
export type SystemInteraction = 'transaction' | 'batch' | 'search-system' | 'history-system';

/** Canonical of the US Core 6.1.0 server CapabilityStatement (default `instantiates`). */
export const US_CORE_SERVER_CAPABILITY = 'http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server';
/** US Core 6.1.0 ImplementationGuide canonical with version (default `implementationGuide`). */
export const US_CORE_IG = 'http://hl7.org/fhir/us/core/ImplementationGuide/hl7.fhir.us.core|6.1.0';
/** Extension carrying SHALL / SHOULD / MAY on CapabilityStatement elements. */
export const EXPECTATION_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation';
/** Extension listing a required search parameter combination (`required` sub-extensions). */
export const COMBINATION_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-search-parameter-combination';
/** SMART App Launch extension with the OAuth endpoint URLs on `rest.security`. */
export const OAUTH_URIS_EXTENSION = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

const INTERACTIONS: ReadonlySet<string> = new Set(['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type']);

/** One search parameter as the statement shows it. */
export interface CapabilitySearchParam {
  name: string;
  type: SearchParamType;
  /** Canonical SearchParameter URL; looked up (US Core, then base R4) when absent. */
  definition?: string;
  documentation?: string;
}

/** What the engine does for one resource type. */
export interface CapabilityResourceDescription {
  type: string;
  /** Base profile; default `http://hl7.org/fhir/StructureDefinition/{type}`. */
  profile?: string;
  /** Profiles the returned resources conform to (e.g. US Core profiles). */
  supportedProfiles?: readonly string[];
  interactions: readonly RestInteraction[];
  searchParams?: readonly CapabilitySearchParam[];
  searchInclude?: readonly string[];
  searchRevInclude?: readonly string[];
  /**
   * Search parameter combinations to advertise. Default: the US Core combinations of the type whose parameters
   * are all in `searchParams`, with US Core's expectation.
   */
  combinations?: readonly { names: readonly string[]; expectation?: Expectation }[];
  /** Operations on the type (`docref`), with the OperationDefinition canonical and how this server runs them. */
  operations?: readonly { name: string; definition: string; documentation?: string }[];
  versioning?: 'no-version' | 'versioned' | 'versioned-update';
  readHistory?: boolean;
  documentation?: string;
}

/** SMART endpoints (absolute URLs) for the `oauth-uris` extension. */
export interface SmartEndpoints {
  authorize: string;
  token: string;
  register?: string;
  manage?: string;
  introspect?: string;
  revoke?: string;
}

/** Statement-level options. */
export interface CapabilityOptions {
  /** Absolute FHIR base URL (`implementation.url`). */
  baseUrl: string;
  /** `date` of the statement (build or start time; this function reads no clock). */
  date: string;
  software: { name: string; version: string; releaseDate?: string };
  implementationDescription?: string;
  publisher?: string;
  name?: string;
  title?: string;
  /** SMART on FHIR endpoints; without them the statement declares no security service. */
  smart?: SmartEndpoints;
  /** Default: the US Core server statement. */
  instantiates?: readonly string[];
  /** Default: US Core 6.1.0. */
  implementationGuide?: readonly string[];
  systemInteractions?: readonly SystemInteraction[];
  /** Whether CORS is enabled (rest.security.cors). Default true. */
  cors?: boolean;
  /** `patchFormat` values, when some type supports `patch`. */
  patchFormats?: readonly string[];
}

/** A CapabilityStatement as JSON. */
export interface CapabilityStatement extends FhirResource {
  resourceType: 'CapabilityStatement';
}

/** The search part of a description, derived from the same spec the parser uses (so both always agree). */
export function describeSearchSpec(
  spec: ResourceSearchSpec,
): Pick<CapabilityResourceDescription, 'searchParams' | 'searchInclude' | 'searchRevInclude'> {
  return {
    searchParams: spec.params.map((p) => ({ name: p.code, type: p.type, definition: p.definition, documentation: p.documentation })),
    searchInclude: spec.includes ? [...spec.includes] : undefined,
    searchRevInclude: spec.revincludes ? [...spec.revincludes] : undefined,
  };
}

function expectationExtension(expectation: Expectation) {
  return { url: EXPECTATION_EXTENSION, valueCode: expectation };
}

function combinationsOf(d: CapabilityResourceDescription, supported: ReadonlySet<string>) {
  if (d.combinations) {
    for (const c of d.combinations) {
      const missing = c.names.filter((n) => !supported.has(n));
      if (missing.length > 0) throw new Error(`${d.type}: combination names unsupported parameter(s) ${missing.join(', ')}`);
    }
    return d.combinations;
  }
  return (usCoreRequirements(d.type)?.combinations ?? []).filter((c) => c.names.every((n) => supported.has(n)));
}

function resourceEntry(d: CapabilityResourceDescription): Record<string, unknown> {
  for (const i of d.interactions) if (!INTERACTIONS.has(i)) throw new Error(`${d.type}: unknown interaction '${i}'`);
  for (const url of d.supportedProfiles ?? []) {
    const known = usCoreProfile(url);
    if (known && known.resourceType !== d.type) throw new Error(`${d.type}: supported profile ${url} is for ${known.resourceType}`);
  }
  const params = d.interactions.includes('search-type') ? (d.searchParams ?? []) : [];
  const names = new Set<string>();
  for (const p of params) {
    if (names.has(p.name)) throw new Error(`${d.type}: search parameter '${p.name}' listed twice`);
    names.add(p.name);
  }
  const entry: Record<string, unknown> = {};
  const combos = d.interactions.includes('search-type') ? combinationsOf(d, names) : [];
  if (combos.length > 0) {
    entry.extension = combos.map((c) => ({
      url: COMBINATION_EXTENSION,
      extension: [
        ...(c.expectation ? [expectationExtension(c.expectation)] : []),
        ...c.names.map((n) => ({ url: 'required', valueString: n })),
      ],
    }));
  }
  entry.type = d.type;
  entry.profile = d.profile ?? `http://hl7.org/fhir/StructureDefinition/${d.type}`;
  if (d.supportedProfiles && d.supportedProfiles.length > 0) entry.supportedProfile = [...d.supportedProfiles];
  if (d.documentation) entry.documentation = d.documentation;
  entry.interaction = d.interactions.map((code) => ({ code }));
  if (d.versioning) entry.versioning = d.versioning;
  if (d.readHistory !== undefined) entry.readHistory = d.readHistory;
  if (params.length > 0) {
    if (d.searchInclude && d.searchInclude.length > 0) entry.searchInclude = [...d.searchInclude];
    if (d.searchRevInclude && d.searchRevInclude.length > 0) entry.searchRevInclude = [...d.searchRevInclude];
    entry.searchParam = params.map((p) => {
      const out: Record<string, unknown> = { name: p.name };
      const definition = p.definition ?? searchParameterUrl(d.type, p.name);
      if (definition) out.definition = definition;
      out.type = p.type;
      if (p.documentation) out.documentation = p.documentation;
      return out;
    });
  }
  if (d.operations && d.operations.length > 0) entry.operation = d.operations.map((o) => ({ name: o.name, definition: o.definition, ...(o.documentation ? { documentation: o.documentation } : {}) }));
  return entry;
}

function security(smart: SmartEndpoints, cors: boolean): Record<string, unknown> {
  const uris = (['authorize', 'token', 'register', 'manage', 'introspect', 'revoke'] as const)
    .filter((k) => smart[k] !== undefined)
    .map((k) => ({ url: k, valueUri: smart[k] }));
  return {
    extension: [{ url: OAUTH_URIS_EXTENSION, extension: uris }],
    cors,
    service: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR', display: 'SMART-on-FHIR' }],
        text: 'OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)',
      },
    ],
    description: 'Requires a SMART on FHIR access token (Authorization: Bearer); see .well-known/smart-configuration.',
  };
}

/**
 * Builds the CapabilityStatement (kind `instance`, fhirVersion 4.0.1, formats json and xml) from the engine's
 * resource descriptions. Resources are listed sorted by type.
 * @throws Error for an inconsistent description (unknown interaction, duplicate type or parameter, a combination
 *   naming an unsupported parameter, a US Core profile of another type): fail at start-up, not per request.
 */
export function buildCapabilityStatement(
  resources: readonly CapabilityResourceDescription[],
  options: CapabilityOptions,
): CapabilityStatement {
  const types = new Set<string>();
  for (const r of resources) {
    if (types.has(r.type)) throw new Error(`Resource type ${r.type} described twice`);
    types.add(r.type);
  }
  const rest: Record<string, unknown> = { mode: 'server' };
  if (options.smart) rest.security = security(options.smart, options.cors ?? true);
  else if (options.cors !== undefined) rest.security = { cors: options.cors };
  rest.resource = [...resources].sort((a, b) => a.type.localeCompare(b.type)).map(resourceEntry);
  if (options.systemInteractions && options.systemInteractions.length > 0) {
    rest.interaction = options.systemInteractions.map((code) => ({ code }));
  }
  const usesPatch = resources.some((r) => r.interactions.includes('patch'));
  const statement: CapabilityStatement = {
    resourceType: 'CapabilityStatement',
    name: options.name ?? 'EhrFhirFacadeCapabilityStatement',
    title: options.title ?? `${options.software.name} FHIR R4 server`,
    status: 'active',
    experimental: false,
    date: options.date,
    kind: 'instance',
    instantiates: [...(options.instantiates ?? [US_CORE_SERVER_CAPABILITY])],
    software: { ...options.software },
    implementation: { description: options.implementationDescription ?? options.software.name, url: options.baseUrl },
    fhirVersion: '4.0.1',
    format: ['json', 'xml'],
    implementationGuide: [...(options.implementationGuide ?? [US_CORE_IG])],
    rest: [rest],
  };
  if (options.publisher) statement.publisher = options.publisher;
  if (usesPatch && options.patchFormats && options.patchFormats.length > 0) statement.patchFormat = [...options.patchFormats];
  return statement;
}
