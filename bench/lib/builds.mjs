/**
 * Measurement-only builds: a copy of a checkout's `dist/` with one feature cut out, to attribute a cost (issue 9:
 * the framework change against the old front, which predates issue 12's PHI audit trail). Never a product setting.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BOOTSTRAP = 'dist/apps/fhir-api/src/bootstrap.js';

/**
 * A root (dist/, package.json, node_modules link, the legacy DDL) built from `root` whose FHIR app does not register
 * the PHI audit hook: no events, no answer waiting for a commit; everything else identical.
 * @returns {{ root: string, remove(): void }}
 */
export function withoutAuditHook(root) {
  const copy = mkdtempSync(join(tmpdir(), 'bench-noaudit-'));
  cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  cpSync(join(root, 'libs/legacy-db/ddl'), join(copy, 'libs/legacy-db/ddl'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  const file = join(copy, BOOTSTRAP);
  const lines = readFileSync(file, 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => (/^\s*registerAuditHook\(/.test(l) ? [i] : []));
  if (hits.length !== 1) {
    rmSync(copy, { recursive: true, force: true });
    throw new Error(`${BOOTSTRAP}: expected one registerAuditHook( call, found ${hits.length} (is ${root} built?)`);
  }
  lines[hits[0]] = `// bench (measurement only): ${lines[hits[0]].trim()}`;
  writeFileSync(file, lines.join('\n'));
  if (!existsSync(join(copy, 'node_modules'))) throw new Error(`${root} has no node_modules`);
  return { root: copy, remove: () => rmSync(copy, { recursive: true, force: true }) };
}
