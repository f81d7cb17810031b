#!/usr/bin/env node
/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): top functions by self time, and self time grouped by
 * package / repository area, so "where does the time go" is one table.
 *
 *   node bench/lib/cpuprofile-top.mjs <file.cpuprofile> [--top 25] [--from <µs, V8 monotonic clock>] [--inclusive fnA,fnB]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * Self time per function and per area of a parsed profile, counting only samples taken at or after `fromUs`
 * (V8's monotonic clock, µs; e.g. when the server became ready, to leave start-up out).
 * @param {{ startTime: number, nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[], samples: number[], timeDeltas: number[] }} profile
 * @param {{ fromUs?: number }} [options]
 * @returns {{ totalMs: number, functions: { name: string, where: string, area: string, ms: number, pct: number }[], areas: { area: string, ms: number, pct: number }[] }}
 */
export function summariseProfile(profile, { fromUs = 0 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const total = forEachSample(profile, fromUs, (id, dt) => self.set(id, (self.get(id) ?? 0) + dt));
  const fns = new Map();
  const areas = new Map();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`;
    const area = areaOf(functionName, url);
    const f = fns.get(key) ?? { name: functionName || '(anonymous)', where, area, us: 0 };
    f.us += us;
    fns.set(key, f);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const ms = (us) => Math.round(us / 100) / 10;
  const pct = (us) => Math.round((1000 * us) / (total || 1)) / 10;
  return {
    totalMs: ms(total),
    functions: [...fns.values()].sort((a, b) => b.us - a.us).map((f) => ({ name: f.name, where: f.where, area: f.area, ms: ms(f.us), pct: pct(f.us) })),
    areas: [...areas].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, ms: ms(us), pct: pct(us) })),
  };
}

/**
 * Inclusive time of the named functions (a sample counts once for each name found on its stack). Stacks end at
 * `await`s, so for async functions this is the synchronous part of each resumption, not the whole request.
 * @param {Parameters<typeof summariseProfile>[0]} profile
 * @param {string[]} names function names
 * @returns {{ name: string, ms: number, pct: number }[]}
 */
export function inclusiveTimes(profile, names, { fromUs = 0 } = {}) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const wanted = new Set(names);
  const acc = new Map(names.map((n) => [n, 0]));
  const total = forEachSample(profile, fromUs, (id, dt) => {
    const seen = new Set();
    for (let node = id; node !== undefined; node = parent.get(node)) {
      const name = byId.get(node).callFrame.functionName;
      if (wanted.has(name) && !seen.has(name)) {
        seen.add(name);
        acc.set(name, acc.get(name) + dt);
      }
    }
  });
  return names.map((name) => ({ name, ms: Math.round(acc.get(name) / 100) / 10, pct: Math.round((1000 * acc.get(name)) / (total || 1)) / 10 }));
}

/**
 * Calls `visit(nodeId, µs)` for each sample taken at or after `fromUs`, with its self time (the gap to the next
 * sample); returns the total time visited.
 */
function forEachSample(profile, fromUs, visit) {
  let total = 0;
  let t = profile.startTime;
  profile.samples.forEach((id, k) => {
    t += profile.timeDeltas[k] ?? 0;
    const dt = profile.timeDeltas[k + 1] ?? 0;
    if (t < fromUs || dt === 0) return;
    total += dt;
    visit(id, dt);
  });
  return total;
}

function shortUrl(url) {
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) return u.slice(nm + '/node_modules/'.length);
  const d = u.indexOf('/dist/');
  return d >= 0 ? u.slice(d + 1) : u.replace(/^.*\/(bench\/)/, '$1');
}

/** A coarse owner of a frame: an npm package, a repository folder (apps/x, libs/y), node internals, or V8. */
export function areaOf(functionName, url) {
  // Wrappers whose self time is native work (both benchmark servers name them alike).
  if (functionName === 'betterSqlite3Native') return 'SQLite (better-sqlite3, native)';
  if (functionName === 'toJson') return 'JSON.stringify';
  if (!url) return functionName === '(garbage collector)' ? 'GC' : functionName === '(idle)' || functionName === '(program)' ? functionName : 'native/V8';
  if (url.startsWith('node:')) return 'node core';
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const m = /\/dist\/(apps|libs)\/([^/]+)\/src\/([^/]+)/.exec(u);
  if (m) return m[1] === 'apps' ? `${m[1]}/${m[2]}/${m[3]}` : `${m[1]}/${m[2]}`;
  return shortUrl(u);
}

/** Text table of a summary (top `top` functions, then all areas). */
export function formatSummary(s, top = 25) {
  const lines = [`total sampled ${s.totalMs} ms`, '', 'self time by area:'];
  for (const a of s.areas.slice(0, 20)) lines.push(`  ${String(a.pct).padStart(5)}%  ${String(a.ms).padStart(8)} ms  ${a.area}`);
  lines.push('', `top ${top} functions by self time:`);
  for (const f of s.functions.slice(0, top)) lines.push(`  ${String(f.pct).padStart(5)}%  ${String(f.ms).padStart(8)} ms  ${f.name}  ${f.where}`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, from: { type: 'string', default: '0' }, inclusive: { type: 'string' } } });
  if (positionals.length !== 1) {
    console.error('Usage: node bench/lib/cpuprofile-top.mjs <file.cpuprofile> [--top N] [--from µs]');
    process.exit(2);
  }
  let profile;
  try {
    profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
  } catch (e) {
    console.error(`Cannot read ${positionals[0]}: ${e.message}`);
    process.exit(2);
  }
  console.log(formatSummary(summariseProfile(profile, { fromUs: Number(values.from) }), Number(values.top)));
  if (values.inclusive) {
    console.log('\ninclusive time (synchronous stacks):');
    for (const x of inclusiveTimes(profile, values.inclusive.split(','), { fromUs: Number(values.from) })) console.log(`  ${String(x.pct).padStart(5)}%  ${String(x.ms).padStart(8)} ms  ${x.name}`);
  }
}
