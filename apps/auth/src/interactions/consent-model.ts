import { parseResourceScope, type ResourceScope } from '#facade/security';
import { CATEGORY_OPTIONS, categoryLabel, resourceTypeLabel, SPECIAL_SCOPE_TEXT, wildcardTypes, type CategoryOption } from './scope-catalog.js';

/** One requested resource scope as the consent screen shows it. */
export interface ConsentItem {
  /** Form field suffix (position in the request). */
  index: number;
  scope: string;
  parsed: ResourceScope;
  label: string;
  /** "See and search", "Add and change", ... */
  access: string;
  /** Present when the scope also asks to write ("Add and change ..."): shown as its own box, which can be unticked. */
  write?: string;
  /** Whose data: "your record", "the selected patient's record", "records you can see in the EHR". */
  whose: string;
  /** Present for Condition/Observation read/search scopes without their own filter: the user may narrow them. */
  categories?: readonly CategoryOption[];
  /** Categories already fixed by the app's request (`?category=`), shown read-only. */
  requestedCategories?: string[];
  /** Present for wildcard (`*`) scopes: the resource types the user may limit the grant to. */
  types?: readonly { type: string; label: string }[];
}

/** What the consent screen offers. */
export interface ConsentModel {
  items: ConsentItem[];
  /** Requested non-resource scopes (openid, fhirUser, launch..., offline_access), always granted as requested. */
  special: { scope: string; text: string }[];
  offlineAccess: boolean;
  /** Requested scopes this server does not understand: never granted, listed for transparency. */
  ignored: string[];
}

function accessWords(p: ResourceScope): string {
  const parts: string[] = [];
  if (p.read && p.search) parts.push('see and search');
  else if (p.read) parts.push('see');
  else if (p.search) parts.push('search');
  if (p.create || p.update) parts.push(p.create && p.update ? 'add and change' : p.create ? 'add' : 'change');
  if (p.delete) parts.push('delete');
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function whoseWords(p: ResourceScope): string {
  if (p.context === 'patient') return 'for the patient record you choose';
  if (p.context === 'user') return 'that you can see in the EHR';
  return 'for the whole practice (system access)';
}

/**
 * Splits a requested scope string into what the consent screen shows. `served` = the resource types a wildcard
 * can be limited to (default: those the FHIR API serves).
 */
export function buildConsentModel(requested: string[], served?: readonly string[]): ConsentModel {
  const types = wildcardTypes(served);
  const items: ConsentItem[] = [];
  const special: ConsentModel['special'] = [];
  const ignored: string[] = [];
  requested.forEach((scope, index) => {
    if (SPECIAL_SCOPE_TEXT[scope]) {
      special.push({ scope, text: SPECIAL_SCOPE_TEXT[scope] });
      return;
    }
    const parsed = parseResourceScope(scope);
    if (!parsed || parsed.context === 'system') {
      ignored.push(scope);
      return;
    }
    const narrowable = CATEGORY_OPTIONS[parsed.resourceType] && !parsed.filters && (parsed.read || parsed.search);
    items.push({
      index,
      scope,
      parsed,
      label: resourceTypeLabel(parsed.resourceType),
      access: accessWords(parsed),
      ...(parsed.create || parsed.update || parsed.delete ? { write: accessWords({ ...parsed, read: false, search: false }) } : {}),
      whose: whoseWords(parsed),
      ...(narrowable ? { categories: CATEGORY_OPTIONS[parsed.resourceType] } : {}),
      ...(parsed.resourceType === '*' && !parsed.filters ? { types: types.map((type) => ({ type, label: resourceTypeLabel(type) })) } : {}),
      ...(parsed.filters?.category ? { requestedCategories: parsed.filters.category.map((t) => categoryLabel(parsed.resourceType, t)) } : {}),
    });
  });
  return { items, special, offlineAccess: requested.includes('offline_access'), ignored };
}

/** v2 permission letters of a parsed scope (v1 `.read` -> `rs`, ...). */
function letters(p: ResourceScope): string {
  return `${p.create ? 'c' : ''}${p.read ? 'r' : ''}${p.update ? 'u' : ''}${p.delete ? 'd' : ''}${p.search ? 's' : ''}`;
}

/** Field names the consent form uses for an item. */
export const consentFields = {
  keep: (i: number) => `keep_${i}`,
  category: (i: number) => `cat_${i}`,
  type: (i: number) => `type_${i}`,
  write: (i: number) => `write_${i}`,
};

function asList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/**
/**
 * The scopes to grant from the submitted consent form. The boxes are the only control, and what stays ticked is
 * exactly what is granted:
 * - every special scope as requested; a resource scope only when its box stayed ticked, and its create/update/delete
 *   letters only when its separate write box stayed ticked;
 * - a wildcard (`patient/*.rs`) with every offered type ticked stays the wildcard; with some unticked it becomes
 *   one scope per ticked type (v2 letters, or the v1 suffix for v1 requests); none ticked grants nothing;
 * - a Condition/Observation scope with every category ticked stays as requested; with some unticked it becomes
 *   one v2 granular scope per ticked category (`patient/Observation.rs?category=<system>|<code>`); none ticked
 *   grants nothing for that type.
 * Submitted values that were not offered are ignored, so the result never exceeds the request.
 */
export function grantedScopesFromForm(model: ConsentModel, form: Record<string, unknown>): string[] {
  const granted = model.special.map((s) => s.scope);
  for (const requested of model.items) {
    if (!asList(form[consentFields.keep(requested.index)]).includes('on')) continue;
    const item = requested.write && !asList(form[consentFields.write(requested.index)]).includes('on') ? withoutWrite(requested) : requested;
    if (!item) continue;
    if (item.types) {
      const offeredTypes = item.types.map((t) => t.type);
      const ticked = new Set(asList(form[consentFields.type(item.index)]));
      if (offeredTypes.every((t) => ticked.has(t))) {
        granted.push(item.scope);
        continue;
      }
      const perms = letters(item.parsed);
      const v1 = item.scope.slice(item.scope.lastIndexOf('.') + 1);
      for (const type of offeredTypes.filter((t) => ticked.has(t))) granted.push(`${item.parsed.context}/${type}.${item.parsed.version === 1 ? v1 : perms}`);
      continue;
    }
    if (!item.categories) {
      granted.push(item.scope);
      continue;
    }
    const ticked = new Set(asList(form[consentFields.category(item.index)]));
    const chosen = item.categories.map((c) => c.token).filter((t) => ticked.has(t));
    if (chosen.length === item.categories.length) {
      granted.push(item.scope);
      continue;
    }
    // Read/search only: narrowing applies to what can be seen; write letters would not be category-bound.
    const perms = letters({ ...item.parsed, create: false, update: false, delete: false }) || 'rs';
    for (const token of chosen) granted.push(`${item.parsed.context}/${item.parsed.resourceType}.${perms}?category=${token}`);
  }
  return [...new Set(granted)];
}

/**
 * The item as a read/search-only scope (its write box was unticked), or undefined when it asked only to write.
 * v1 `.*` becomes `.read`; v2 letters lose c/u/d and keep a granular query.
 */
function withoutWrite(item: ConsentItem): ConsentItem | undefined {
  const p = item.parsed;
  if (!p.read && !p.search) return undefined;
  const rs = letters({ ...p, create: false, update: false, delete: false });
  const base = `${p.context}/${p.resourceType}`;
  const query = item.scope.includes('?') ? item.scope.slice(item.scope.indexOf('?')) : '';
  const scope = p.version === 1 ? `${base}.read` : `${base}.${rs}${query}`;
  const parsed = parseResourceScope(scope);
  return parsed ? { ...item, scope, parsed, write: undefined } : undefined;
}

/** True when the granted resource scopes include any `patient/` scope (a patient must then be in context). */
export function needsPatientContext(scopes: string[]): boolean {
  return scopes.some((s) => s === 'launch/patient' || s.startsWith('patient/'));
}
