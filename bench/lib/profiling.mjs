/**
 * `--profile`: each endpoint is loaded once more on the facade and once on the bare server, each under
 * `node --cpu-prof`; the profiles (cut to after start-up) are summarised per area in CPU µs per request, side by
 * side, so the facade's extra cost per request is attributed to packages and repository folders.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSummary, summariseProfile } from './cpuprofile-top.mjs';
import { freePort } from './ports.mjs';
import { startBare, startFacade } from './servers.mjs';
import { BENCH_ISSUER, systemToken } from './tokens.mjs';

/** Areas that are not work done for requests. */
const IDLE = new Set(['(idle)', '(program)']);

/**
 * Profiles both servers on every endpoint and prints, per endpoint, µs per request by area and the facade's top
 * functions. Profiles and summaries are kept in `<root>/data/bench/profiles/<endpoint>-<server>/`.
 * @param {{ root: string, db: string, sql: object, jwks: object, privateKey: CryptoKey, practices: number[], paths: Record<string, (i: number) => string>,
 *   labels: Record<string, string>, run: (name: string, server: object, url: string, token: string, pathFor: (i: number) => string, endpoint: string) => Promise<{ requests: number }>,
 *   log: (m: string) => void }} o
 */
export async function profileEndpoints({ root, db, sql, jwks, privateKey, practices, paths, labels, run, log }) {
  for (const ep of Object.keys(labels)) {
    const summaries = {};
    for (const name of ['facade', 'bare']) {
      const dir = join(root, 'data/bench/profiles', `${ep}-${name}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const token = await systemToken(privateKey, url, practices);
      const server = name === 'facade' ? await startFacade({ root, db, port, jwks, issuer: BENCH_ISSUER, profileDir: dir }) : await startBare({ root, db, port, sql, profileDir: dir });
      let result;
      try {
        result = await run(name, server, url, token, paths[ep], ep);
        if (result.errors) throw new Error(`${name} answered ${result.errors} requests with an error during the profiled run of ${ep}`);
      } finally {
        await server.stop();
      }
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`No CPU profile was written in ${dir}`);
      // Start-up (module loading, Nest bootstrap) is left out: only samples after the server said it was ready.
      const summary = summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')), { fromUs: server.readyAtUs });
      writeFileSync(join(dir, 'summary.txt'), formatSummary(summary, 40));
      // The profile spans the warm-up run too: count its requests.
      summaries[name] = { summary, requests: result.requests + (result.warmupRequests ?? 0), dir };
    }
    log(`\n${labels[ep]}: CPU µs per request by area (sampled time / requests served while profiled)`);
    log(comparison(summaries).join('\n'));
    log(`\nfacade top functions (${summaries.facade.dir}):\n${formatSummary(summaries.facade.summary, 25).split('top 25')[1]}`);
  }
}

function comparison(summaries) {
  const per = (name) => {
    const { summary, requests } = summaries[name];
    return { requests, m: new Map(summary.areas.filter((a) => !IDLE.has(a.area)).map((a) => [a.area, (a.ms * 1000) / requests])) };
  };
  const f = per('facade');
  const b = per('bare');
  const areas = [...new Set([...f.m.keys(), ...b.m.keys()])].sort((p, q) => (f.m.get(q) ?? 0) - (f.m.get(p) ?? 0));
  const row = (label, x, y) => `  ${label.padEnd(36)}${x.toFixed(0).padStart(10)}${y.toFixed(0).padStart(10)}${(x - y).toFixed(0).padStart(10)}`;
  const lines = [`  ${'area'.padEnd(36)}${'facade'.padStart(10)}${'bare'.padStart(10)}${'extra'.padStart(10)}`];
  let tf = 0;
  let tb = 0;
  for (const a of areas) {
    const uf = f.m.get(a) ?? 0;
    const ub = b.m.get(a) ?? 0;
    tf += uf;
    tb += ub;
    if (uf >= 2 || ub >= 2) lines.push(row(a, uf, ub));
  }
  lines.push(row('total (busy) per request', tf, tb));
  return lines;
}
