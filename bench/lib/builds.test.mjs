/** withoutAuditHook (builds.mjs): the copy differs from its build by the one commented-out call. Run: node --test bench/ */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withoutAuditHook } from './builds.mjs';

function fakeBuild(bootstrap) {
  const root = mkdtempSync(join(tmpdir(), 'fake-build-'));
  for (const d of ['dist/apps/fhir-api/src', 'libs/legacy-db/ddl', 'node_modules']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'dist/apps/fhir-api/src/bootstrap.js'), bootstrap);
  writeFileSync(join(root, 'package.json'), '{}');
  writeFileSync(join(root, 'libs/legacy-db/ddl/schema.sql'), '-- ddl');
  return root;
}

test('comments out exactly the registerAuditHook call, nothing else', () => {
  const src = 'a();\n    registerAuditHook(app.getHttpAdapter().getInstance(), trail);\nb(registerAuditHook);\n';
  const root = fakeBuild(src);
  const copy = withoutAuditHook(root);
  try {
    const out = readFileSync(join(copy.root, 'dist/apps/fhir-api/src/bootstrap.js'), 'utf8').split('\n');
    assert.deepEqual(out, ['a();', '// bench (measurement only): registerAuditHook(app.getHttpAdapter().getInstance(), trail);', 'b(registerAuditHook);', '']);
    assert.equal(readFileSync(join(root, 'dist/apps/fhir-api/src/bootstrap.js'), 'utf8'), src);
    assert.equal(readFileSync(join(copy.root, 'libs/legacy-db/ddl/schema.sql'), 'utf8'), '-- ddl');
  } finally {
    copy.remove();
    rmSync(root, { recursive: true, force: true });
  }
});

test('refuses a build without the call (renamed or not built)', () => {
  const root = fakeBuild('a();\n');
  try {
    assert.throws(() => withoutAuditHook(root), /expected one registerAuditHook\( call, found 0/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
