/**
 * A fast FHIR XML writer (https://hl7.org/fhir/R4/xml.html) driven by the `fhir` package's R4 model. It writes the
 * same text as the package's `objToXml` (element order from the definitions, `id` and Extension `url` as
 * attributes, primitive extensions inside the primitive element, narrative XHTML inline, contained resources
 * without a namespace) but walks the members present in the JSON instead of every property of every type,
 * which is about 20 times faster.
 */

import { childProperties, type FhirModel, type ModelProperty } from './fhir-model.js';

/** `parsedStructureDefinitions` of the `fhir` package. */
export type XmlModel = FhirModel;

const PRIMITIVES: ReadonlySet<string> = new Set([
  'instant', 'time', 'date', 'dateTime', 'decimal', 'boolean', 'integer', 'base64Binary', 'string', 'uri', 'url',
  'unsignedInt', 'positiveInt', 'code', 'id', 'oid', 'markdown', 'canonical', 'uuid',
]);
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

interface TypeIndex {
  byName: Map<string, { prop: ModelProperty; order: number }>;
}

const indexes = new WeakMap<ModelProperty[], TypeIndex>();

function indexOf(props: ModelProperty[]): TypeIndex {
  let idx = indexes.get(props);
  if (!idx) {
    const byName = new Map<string, { prop: ModelProperty; order: number }>();
    props.forEach((prop, order) => {
      if (!prop._name.startsWith('_')) byName.set(prop._name, { prop, order });
    });
    idx = { byName };
    indexes.set(props, idx);
  }
  return idx;
}

/** Escapes an attribute value exactly as the `fhir` package does. */
export function escapeAttribute(value: string): string {
  if (!/[&<>"\r\n]/.test(value)) return value;
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#xD;')
    .replace(/\n/g, '&#xA;');
}

class Writer {
  readonly parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  constructor(private readonly model: XmlModel) {}

  resource(obj: Record<string, unknown>, root: boolean): void {
    const type = obj.resourceType as string;
    const def = typeof type === 'string' ? this.model[type] : undefined;
    if (!def) throw new Error(`Unknown resource type: ${String(type)}`);
    this.parts.push(root ? `<${type} xmlns="http://hl7.org/fhir">` : `<${type}>`);
    this.members(obj, def._properties, false);
    this.parts.push(`</${type}>`);
  }

  /** Writes the child elements of `obj` in model order (an element's `id` / Extension `url` are attributes). */
  members(obj: Record<string, unknown>, props: ModelProperty[], isElement: boolean, parentType = ''): void {
    const idx = indexOf(props);
    const present: { prop: ModelProperty; order: number }[] = [];
    for (const key of Object.keys(obj)) {
      const name = key.charCodeAt(0) === 95 /* _ */ ? key.slice(1) : key;
      if (name !== key && Object.prototype.hasOwnProperty.call(obj, name)) continue; // written with its value
      if (isElement && (name === 'id' || (name === 'url' && parentType === 'Extension'))) continue;
      const hit = idx.byName.get(name);
      if (hit) present.push(hit);
    }
    if (present.length > 1) present.sort((a, b) => a.order - b.order);
    for (const { prop } of present) {
      const name = prop._name;
      const value = obj[name];
      const extra = PRIMITIVES.has(prop._type) ? obj[`_${name}`] : undefined;
      if (prop._multiple) {
        const values = Array.isArray(value) ? value : [];
        const extras = Array.isArray(extra) ? extra : [];
        const n = Math.max(values.length, extras.length);
        for (let i = 0; i < n; i++) this.element(prop, values[i], extras[i]);
      } else {
        this.element(prop, value, extra);
      }
    }
  }

  /** Pushes `<name attrs>`, lets `body` write children, then closes, self-closes or drops the element. */
  wrap(name: string, attrs: string, body: () => void): void {
    const k = this.parts.length;
    this.parts.push(`<${name}${attrs}>`);
    body();
    if (this.parts.length > k + 1) this.parts.push(`</${name}>`);
    else if (attrs) this.parts[k] = `<${name}${attrs}/>`;
    else this.parts.pop();
  }

  element(prop: ModelProperty, value: unknown, extra: unknown): void {
    const name = prop._name;
    const type = prop._type;
    if (PRIMITIVES.has(type)) {
      const ext = extra && typeof extra === 'object' ? (extra as Record<string, unknown>) : undefined;
      let attrs = '';
      if (ext?.id !== undefined && ext.id !== null && ext.id !== '') attrs += ` id="${escapeAttribute(String(ext.id))}"`;
      if (value !== undefined && value !== null && value !== '') attrs += ` value="${escapeAttribute(String(value))}"`;
      const extensions = Array.isArray(ext?.extension) ? (ext.extension as unknown[]) : [];
      if (extensions.length === 0) {
        if (attrs) this.parts.push(`<${name}${attrs}/>`);
        return;
      }
      const extProps = this.model.Extension!._properties;
      this.wrap(name, attrs, () => {
        for (const e of extensions) this.complex('extension', 'Extension', extProps, e);
      });
      return;
    }
    if (value === undefined || value === null || typeof value !== 'object') {
      if (type === 'xhtml' && typeof value === 'string' && value) this.parts.push(this.xhtml(value));
      return;
    }
    if (type === 'Resource') {
      this.parts.push(`<${name}>`);
      this.resource(value as Record<string, unknown>, false);
      this.parts.push(`</${name}>`);
      return;
    }
    const props = childProperties(this.model, prop);
    if (props) this.complex(name, type, props, value);
  }

  complex(name: string, type: string, props: ModelProperty[], value: unknown): void {
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    let attrs = '';
    if (obj.id !== undefined && obj.id !== null && obj.id !== '') attrs += ` id="${escapeAttribute(String(obj.id))}"`;
    if (type === 'Extension' && obj.url !== undefined && obj.url !== null && obj.url !== '') {
      attrs += ` url="${escapeAttribute(String(obj.url))}"`;
    }
    this.wrap(name, attrs, () => this.members(obj, props, true, type));
  }

  xhtml(div: string): string {
    const text = div.trim();
    const m = /^<div\b([^>]*)>/.exec(text);
    if (!m) throw new Error('Narrative div must start with <div>');
    if (/\sxmlns\s*=/.test(m[1])) return text;
    return `<div${m[1]} xmlns="${XHTML_NS}">${text.slice(m[0].length)}`;
  }
}

/**
 * Writes a resource as FHIR XML with the XML prolog.
 * @throws Error for a resource type the model does not define or a narrative that is not a `<div>`.
 */
export function writeFhirXml(resource: Record<string, unknown>, model: XmlModel): string {
  const w = new Writer(model);
  w.resource(resource, true);
  return w.parts.join('');
}
