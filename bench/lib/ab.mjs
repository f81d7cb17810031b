/** Helpers of the interleaved new-vs-old comparison (bench/fhir-vs-old.mjs). */

/** Round order for `rounds` pairs, ABBA: new, old, old, new, new, old, ... (a linear drift of the machine hits both alike). */
export function abOrder(rounds) {
  const order = [];
  for (let i = 0; i < rounds; i++) order.push(...(i % 2 === 0 ? ['new', 'old'] : ['old', 'new']));
  return order;
}

/** Median of numbers (mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const IDLE = new Set(['(idle)', '(program)']);

/**
 * Lines comparing two sampled profiles (summariseProfile output + requests served while sampled): µs per request
 * by area, and the functions whose µs per request differ most (by name and file, so the same code in both builds
 * lines up; code that moved between files shows as one row each).
 * @param {{ summary: ReturnType<typeof import('./cpuprofile-top.mjs').summariseProfile>, requests: number }} a new
 * @param {{ summary: ReturnType<typeof import('./cpuprofile-top.mjs').summariseProfile>, requests: number }} b old
 */
export function compareProfiles(a, b, top = 30) {
  const per = (x, rows, key) => new Map(rows.filter((r) => !IDLE.has(r.area ?? r.name)).map((r) => [key(r), (r.ms * 1000) / x.requests]));
  const table = (title, ma, mb, limit) => {
    const keys = [...new Set([...ma.keys(), ...mb.keys()])];
    const rows = keys.map((k) => ({ k, x: ma.get(k) ?? 0, y: mb.get(k) ?? 0 })).filter((r) => r.x >= 1 || r.y >= 1);
    rows.sort((p, q) => Math.abs(q.x - q.y) - Math.abs(p.x - p.y));
    const lines = [`\n${title}`, `  ${'new'.padStart(7)}${'old'.padStart(7)}${'diff'.padStart(7)}  what`];
    for (const r of rows.slice(0, limit)) lines.push(`  ${r.x.toFixed(1).padStart(7)}${r.y.toFixed(1).padStart(7)}${(r.x - r.y).toFixed(1).padStart(7)}  ${r.k}`);
    return lines;
  };
  const areas = (x) => per(x, x.summary.areas, (r) => r.area);
  const fns = (x) => per(x, x.summary.functions, (r) => `${r.name} ${r.where.replace(/:\d+$/, '')}`);
  const busy = (m) => [...m.values()].reduce((s, n) => s + n, 0);
  const aa = areas(a);
  const ab = areas(b);
  return [
    `sampled CPU µs per request: new ${busy(aa).toFixed(0)} (${a.requests} requests), old ${busy(ab).toFixed(0)} (${b.requests} requests)`,
    ...table('by area (µs/request, largest differences first):', aa, ab, 25),
    ...table(`functions (self µs/request, ${top} largest differences):`, fns(a), fns(b), top),
  ];
}
