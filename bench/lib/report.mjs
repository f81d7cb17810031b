/** The benchmark's result table, targets (issue 3, "Performance") and their verdicts. */

/** Targets of the issue, per endpoint key. */
export const TARGETS = {
  read: { rps: 8000, ratio: 0.25 },
  search: { rps: 2000, p99: 50, ratio: 0.65 },
  scaling: 1.3,
  /** New facade vs an older build in the same run (`--old-root`): at least this share of its req/s. */
  versusOld: 0.85,
};

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const pad = (s, n) => String(s).padStart(n);

/**
 * Lines of the report: one row per (size, server, endpoint) with req/s, p50, p99, server CPU µs per request, errors,
 * then facade/bare ratios
 * and the large/small latency ratios, each with its target and verdict.
 * `rowLabels` may name extra rows (e.g. a calibration run) that have no target.
 * @param {{ sizes: number[], runs: { size: number, server: string, endpoint: string, rps: number, p50: number, p99: number, cpuUs: number, errors: number, requests: number, distinctPaths: number }[], labels: Record<string, string>, rowLabels?: Record<string, string> }} r
 */
export function formatReport({ sizes, runs, labels, rowLabels = labels }) {
  const out = [];
  out.push(`${'patients'.padEnd(9)}${'server'.padEnd(8)}${'endpoint'.padEnd(48)}${pad('req/s', 8)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('CPU µs', 8)}${pad('errors', 8)}${pad('ids', 7)}`);
  for (const x of runs) {
    out.push(`${String(x.size).padEnd(9)}${x.server.padEnd(8)}${rowLabels[x.endpoint].padEnd(48)}${pad(fmt(x.rps), 8)}${pad(fmt(x.p50, 1), 8)}${pad(fmt(x.p99, 1), 8)}${pad(fmt(x.cpuUs), 8)}${pad(x.errors, 8)}${pad(x.distinctPaths, 7)}`);
  }
  const failed = runs.filter((x) => x.errors > 0);
  if (failed.length) {
    out.push('');
    for (const x of failed) out.push(`INVALID: ${x.server} ${rowLabels[x.endpoint]} @ ${x.size} answered ${x.errors} of ${x.requests} requests with an error or non-2xx: its figures do not count`);
  }
  const find = (size, server, endpoint) => runs.find((x) => x.size === size && x.server === server && x.endpoint === endpoint);
  const large = Math.max(...sizes);
  const small = Math.min(...sizes);
  out.push('');
  for (const ep of Object.keys(labels)) {
    const f = find(large, 'facade', ep);
    const b = find(large, 'bare', ep);
    const t = TARGETS[ep];
    if (!f) continue;
    if (!t) {
      // An endpoint measured for information (no target in the issue): its figures beside the others.
      out.push(`${labels[ep]} @ ${large}: req/s ${fmt(f.rps)}; p99 ${fmt(f.p99, 1)} ms (no target)`);
      continue;
    }
    const checks = [`req/s ${fmt(f.rps)} (target >= ${t.rps}: ${verdict(f.rps >= t.rps)})`];
    if (t.p99) checks.push(`p99 ${fmt(f.p99, 1)} ms (target < ${t.p99}: ${verdict(f.p99 < t.p99)})`);
    if (b) {
      checks.push(`facade/bare ${fmt(f.rps / b.rps, 2)} (aim >= ${t.ratio}: ${verdict(f.rps / b.rps >= t.ratio)})`);
      // CPU per request is what the server itself costs; its ratio is the req/s ratio of an otherwise idle machine.
      checks.push(`CPU per request bare/facade ${fmt(b.cpuUs / f.cpuUs, 2)}`);
    }
    const old = find(large, 'old', ep);
    if (old) {
      checks.push(`new/old ${fmt(f.rps / old.rps, 2)} (target >= ${TARGETS.versusOld}: ${verdict(f.rps / old.rps >= TARGETS.versusOld)})`);
      checks.push(`CPU per request new/old ${fmt(f.cpuUs / old.cpuUs, 2)}`);
    }
    out.push(`${labels[ep]} @ ${large}: ${checks.join('; ')}`);
  }
  if (large !== small) {
    // The target is the product's (facade, default settings); the cache-off rows show how the uncached work scales.
    for (const [server, note] of [['facade', ''], ['nocache', ' [cache off, for information]']]) {
      for (const ep of Object.keys(labels)) {
        const a = find(large, server, ep);
        const c = find(small, server, ep);
        if (!a || !c) continue;
        const p50 = a.p50 / Math.max(c.p50, 0.01);
        const p99 = a.p99 / Math.max(c.p99, 0.01);
        out.push(`${labels[ep]} latency ${large} vs ${small} patients${note}: p50 x${fmt(p50, 2)}, p99 x${fmt(p99, 2)} (target <= ${TARGETS.scaling}: ${verdict(p50 <= TARGETS.scaling && p99 <= TARGETS.scaling)})`);
      }
    }
  }
  return out;
}

function verdict(ok) {
  return ok ? 'PASS' : 'MISS';
}
