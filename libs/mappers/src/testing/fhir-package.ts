import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** A JSON resource of a FHIR NPM package (`package/*.json`). */
export type PackageResource = { resourceType: string; url?: string; [k: string]: unknown };

/**
 * The repository's vendored US Core 6.1.0 package (tests never read /work/shared): next to the sources, or, when this
 * module runs compiled from `dist/` (the FHIR API validates written resources with it), one level further up.
 */
export const US_CORE_PACKAGE_URL = [
  new URL('../../../../fhir-packages/hl7.fhir.us.core-6.1.0.tgz', import.meta.url),
  new URL('../../../../../fhir-packages/hl7.fhir.us.core-6.1.0.tgz', import.meta.url),
].find((u) => existsSync(u)) ?? new URL('../../../../fhir-packages/hl7.fhir.us.core-6.1.0.tgz', import.meta.url);

function readOctal(buf: Buffer, start: number, length: number): number {
  const s = buf.subarray(start, start + length).toString('ascii').replace(/\0.*$/, '').trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function readString(buf: Buffer, start: number, length: number): string {
  return buf.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
}

/** Entries (`path -> bytes`) of a tar archive; regular files only, ustar prefix and pax `path` honoured. */
export function untar(tar: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = readOctal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = readString(header, 345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${readString(header, 0, 100)}` : readString(header, 0, 100));
    const body = tar.subarray(offset + 512, offset + 512 + size);
    paxPath = undefined;
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = m?.[1];
    } else if (type === '0' || type === '\0') {
      files.set(name, Buffer.from(body));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Every JSON resource directly under `package/` of a FHIR NPM package `.tgz`. */
export function readFhirPackage(tgzPath: URL | string): PackageResource[] {
  const files = untar(gunzipSync(readFileSync(tgzPath)));
  const resources: PackageResource[] = [];
  for (const [name, bytes] of files) {
    if (!/^package\/[^/]+\.json$/.test(name) || name.endsWith('/package.json') || name.endsWith('.index.json')) continue;
    const json = JSON.parse(bytes.toString('utf8')) as PackageResource;
    if (typeof json?.resourceType === 'string') resources.push(json);
  }
  return resources;
}
