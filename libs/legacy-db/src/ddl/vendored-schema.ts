import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDdl, type DdlSchema } from './ddl-parser.js';

/** Path of the customer's published DDL, vendored in this repository (works from src and from dist). */
export function vendoredSchemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = resolve(dir, 'libs/legacy-db/ddl/schema.sql');
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      dir = resolve(dir, '..');
    }
  }
  throw new Error('libs/legacy-db/ddl/schema.sql not found above ' + fileURLToPath(import.meta.url));
}

let parsed: DdlSchema | undefined;

/** The customer's DDL, parsed once. */
export function vendoredSchema(): DdlSchema {
  parsed ??= parseDdl(readFileSync(vendoredSchemaPath(), 'utf8'));
  return parsed;
}
