// Side-by-side table of two benchmark runs (data/bench/last-run*.json): one row per (patients, server, endpoint)
// found in either, req/s, p99 and server CPU µs per request of each, and the req/s ratio second/first.
//   node bench/lib/compare-runs.mjs <first.json> <second.json>
import { readFileSync } from 'node:fs';

/** Rows of the comparison: every (size, server, endpoint) of `a` and `b`, in `a`'s order then `b`'s extras. */
export function compareRuns(a, b) {
  const key = (x) => `${x.size}|${x.server}|${x.endpoint}`;
  const keys = [...new Set([...a.runs.map(key), ...b.runs.map(key)])];
  return keys.map((k) => {
    const [size, server, endpoint] = k.split('|');
    const x = a.runs.find((r) => key(r) === k);
    const y = b.runs.find((r) => key(r) === k);
    return { size: Number(size), server, endpoint, a: x, b: y, ratio: x && y ? y.rps / x.rps : undefined };
  });
}

const f0 = (n) => (n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));
const f2 = (n) => (n === undefined ? '–' : n.toFixed(2));

/** Markdown table of `compareRuns(a, b)`. */
export function formatComparison(a, b) {
  const na = `Node ${a.node}`;
  const nb = `Node ${b.node}`;
  const out = [
    `| patients | server | endpoint | ${na} req/s | ${nb} req/s | ${nb}/${na} | p99 ms | CPU µs/req |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of compareRuns(a, b)) {
    out.push(`| ${f0(r.size)} | ${r.server} | ${r.endpoint} | ${f0(r.a?.rps)} | ${f0(r.b?.rps)} | ${f2(r.ratio)} | ${r.a?.p99 ?? '–'} / ${r.b?.p99 ?? '–'} | ${f0(r.a?.cpuUs)} / ${f0(r.b?.cpuUs)} |`);
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [first, second] = process.argv.slice(2);
  if (!first || !second) {
    console.error('usage: node bench/lib/compare-runs.mjs <first.json> <second.json>');
    process.exit(2);
  }
  const read = (p) => JSON.parse(readFileSync(p, 'utf8'));
  console.log(formatComparison(read(first), read(second)));
}
