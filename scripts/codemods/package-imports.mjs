#!/usr/bin/env node
/**
 * Codemod: relative imports that climb into another library become package imports (`#facade/<lib>`).
 *
 * Packages are the folders of libs/ (libs/<lib>/src/index.ts is the package's entry). In every TypeScript and
 * JavaScript file under apps/, libs/, test/ and bench/, an import, `export … from`, `import type`, dynamic
 * `import()` or `jest.unstable_mockModule()` whose relative specifier resolves into libs/<lib>/ from outside
 * that lib is rewritten:
 *   - to `#facade/<lib>` when it names the lib's index, or when every name it imports is the very same symbol
 *     the lib's index exports (checked with the TypeScript checker);
 *   - otherwise to the deep form `#facade/<lib>/src/<path>.js` (e.g. test helpers under src/testing, or a name
 *     the index does not export), listed at the end so a reader can decide whether the index should export it.
 * Then the plain named imports of one `#facade/...` specifier in a file are merged into one declaration.
 * Imports within one lib, and imports of apps (the launcher's and the tests'), stay relative. Idempotent: a second
 * run finds nothing to change. package.json "imports" maps `#facade/*` for node (dist/) and TypeScript (sources);
 * jest.config.js maps it for jest.
 *
 * Usage: node scripts/codemods/package-imports.mjs [--check]   (--check: change nothing, exit 1 if a rewrite is due)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PREFIX = '#facade/';
const AREAS = ['apps', 'libs', 'test', 'bench'];
const check = process.argv.includes('--check');

const posix = (p) => p.split(sep).join('/');
const rel = (abs) => posix(relative(ROOT, abs));

/** The package (`libs/<lib>`, `apps/<app>`) or area (`test`, `bench`) a repository path belongs to. */
function ownerOf(path) {
  const m = /^(libs|apps)\/([^/]+)\//.exec(path);
  return m ? `${m[1]}/${m[2]}` : path.split('/')[0];
}

/** Source file a relative specifier names (`./x.js` is `./x.ts` in TypeScript sources), or undefined. */
function targetOf(fromFile, specifier) {
  const base = resolve(dirname(join(ROOT, fromFile)), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, join(base, 'index.ts')];
  const hit = candidates.find((c) => existsSync(c) && !c.endsWith(sep));
  return hit ? rel(hit) : undefined;
}

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...AREAS], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('/fixtures/boundaries/'));

// One TypeScript program over the TypeScript files, for the "same symbol as the index exports" check.
const tsFiles = files.filter((f) => /\.m?ts$/.test(f)).map((f) => join(ROOT, f));
const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const program = ts.createProgram({ rootNames: tsFiles, options: { ...config.options, noEmit: true } });
const checker = program.getTypeChecker();

const resolveAlias = (s) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const indexExports = new Map();
/** Exported symbols of libs/<lib>/src/index.ts by name (alias-resolved). */
function exportsOfIndex(lib) {
  if (!indexExports.has(lib)) {
    const sf = program.getSourceFile(join(ROOT, 'libs', lib, 'src', 'index.ts'));
    const mod = sf && checker.getSymbolAtLocation(sf);
    const map = new Map();
    for (const s of mod ? checker.getExportsOfModule(mod) : []) map.set(s.escapedName, resolveAlias(s));
    indexExports.set(lib, map);
  }
  return indexExports.get(lib);
}

/** Whether every name the declaration imports or re-exports is what the lib's index exports under that name. */
function indexCovers(decl, lib) {
  const index = exportsOfIndex(lib);
  if (index.size === 0) return false;
  const mod = checker.getSymbolAtLocation(decl.moduleSpecifier);
  if (!mod) return false;
  const fromTarget = new Map(checker.getExportsOfModule(mod).map((s) => [s.escapedName, resolveAlias(s)]));
  let names;
  if (ts.isImportDeclaration(decl)) {
    const clause = decl.importClause;
    if (!clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) return false;
    names = clause.namedBindings.elements.map((e) => (e.propertyName ?? e.name).text);
  } else {
    if (!decl.exportClause || !ts.isNamedExports(decl.exportClause)) return false;
    names = decl.exportClause.elements.map((e) => (e.propertyName ?? e.name).text);
  }
  return names.length > 0 && names.every((n) => fromTarget.has(n) && index.get(n) === fromTarget.get(n));
}

/** The package specifier for a target in libs/<lib>/ (index form when allowed), or undefined if not cross-lib. */
function packageSpecifier(file, target, decl) {
  const m = /^libs\/([^/]+)\/(.+)$/.exec(target);
  if (!m || ownerOf(file) === `libs/${m[1]}`) return undefined;
  const [, lib, inner] = m;
  if (inner === 'src/index.ts') return `${PREFIX}${lib}`;
  if (decl && indexCovers(decl, lib)) return `${PREFIX}${lib}`;
  return `${PREFIX}${lib}/${inner.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs')}`;
}

/** String-literal module specifiers of a file, with their declaration when it is a static import/export. */
function specifiersOf(sf) {
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ literal: node.moduleSpecifier, decl: node });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isMockModule = ts.isPropertyAccessExpression(callee) && /^(unstable_mockModule|mock|requireActual|importActual)$/.test(callee.name.text);
      if (isDynamicImport || isMockModule) found.push({ literal: node.arguments[0] });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * Several deep imports of one lib become several imports of `#facade/<lib>`: merges the plain named ones
 * (`import { a } …` and `import type { B } …` -> `import { a, type B } …`) into the first of them.
 */
function mergePackageImports(abs, text) {
  const sf = ts.createSourceFile(abs, text, ts.ScriptTarget.Latest, true);
  const groups = new Map();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith(PREFIX)) continue;
    const clause = st.importClause;
    if (!clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) continue;
    const key = st.moduleSpecifier.text;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(st);
  }
  const edits = [];
  for (const [specifier, decls] of groups) {
    if (decls.length < 2) continue;
    const allTypeOnly = decls.every((d) => d.importClause.isTypeOnly);
    const names = [];
    for (const d of decls) {
      for (const el of d.importClause.namedBindings.elements) {
        const typeOnly = !allTypeOnly && (d.importClause.isTypeOnly || el.isTypeOnly);
        const name = el.propertyName ? `${el.propertyName.text} as ${el.name.text}` : el.name.text;
        const entry = `${typeOnly ? 'type ' : ''}${name}`;
        if (!names.includes(entry)) names.push(entry);
      }
    }
    const quote = text[decls[0].moduleSpecifier.getStart(sf)];
    const merged = `import ${allTypeOnly ? 'type ' : ''}{ ${names.join(', ')} } from ${quote}${specifier}${quote};`;
    edits.push({ start: decls[0].getStart(sf), end: decls[0].getEnd(), text: merged });
    for (const d of decls.slice(1)) {
      let end = d.getEnd();
      if (text[end] === '\n') end++;
      edits.push({ start: d.getStart(sf), end, text: '' });
    }
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

let changedFiles = 0;
let rewrites = 0;
const deep = [];
for (const file of files) {
  const abs = join(ROOT, file);
  const text = readFileSync(abs, 'utf8');
  const sf = program.getSourceFile(abs) ?? ts.createSourceFile(abs, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits = [];
  for (const { literal, decl } of specifiersOf(sf)) {
    if (!literal.text.startsWith('.')) continue;
    const target = targetOf(file, literal.text);
    if (!target) continue;
    const next = packageSpecifier(file, target, program.getSourceFile(abs) ? decl : undefined);
    if (!next) continue;
    edits.push({ start: literal.getStart(sf) + 1, end: literal.getEnd() - 1, text: next });
    if (next.includes('/src/')) deep.push(`${file}: ${next}`);
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (text.includes(PREFIX) || edits.length > 0) out = mergePackageImports(abs, out);
  if (out === text) continue;
  changedFiles++;
  rewrites += edits.length;
  if (!check) writeFileSync(abs, out);
}

const verb = check ? 'would change' : 'changed';
process.stdout.write(`package-imports: ${verb} ${changedFiles} file(s) (${rewrites} import(s) rewritten, the rest merged).\n`);
if (deep.length > 0) process.stdout.write(`Deep imports (not covered by the lib's index):\n  ${[...new Set(deep)].sort().join('\n  ')}\n`);
if (check && changedFiles > 0) process.exit(1);
