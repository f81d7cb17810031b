/**
 * Child processes of the benchmark: the facade (bench/lib/facade-server.mjs, optionally under `node --cpu-prof`)
 * and the bare baseline (bench/bare-server.mjs), plus the capture of the facade's SQL for the bare server.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const FACADE = fileURLToPath(new URL('./facade-server.mjs', import.meta.url));
const BARE = fileURLToPath(new URL('../bare-server.mjs', import.meta.url));

/**
 * Forks a server script and waits for its `ready` message.
 * @param {string} script
 * @param {Record<string, string>} env
 * @param {string[]} [execArgv] node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=...']
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, request(type: string): Promise<any>, stop(): Promise<void> }>}
 */
function start(script, env, execArgv = []) {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const failed = (code) => reject(new Error(`${script} exited with code ${code} before it was ready`));
    child.once('exit', failed);
    child.once('error', reject);
    child.once('message', (m) => {
      child.off('exit', failed);
      if (m?.type !== 'ready') return reject(new Error(`${script}: unexpected first message`));
      resolve({
        child,
        readyAtUs: m.atUs,
        request: (type) =>
          new Promise((res) => {
            child.once('message', res);
            child.send({ type });
          }),
        // SIGTERM: the facade closes the app and exits normally, which is when --cpu-prof writes its profile.
        stop: () =>
          new Promise((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      });
    });
  });
}

/** Starts the facade on a database (`env`: extra settings, e.g. `FHIR_RESOURCE_CACHE_MB`). */
export function startFacade({ root, db, port, jwks, issuer, profileDir, env = {} }) {
  const execArgv = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return start(FACADE, { ...env, BENCH_ROOT: root, BENCH_DB: db, BENCH_PORT: String(port), BENCH_JWKS: JSON.stringify(jwks), BENCH_ISSUER: issuer }, execArgv);
}

/** Starts the bare baseline with the captured SQL (see {@link captureFacadeSql}). */
export function startBare({ root, db, port, sql, profileDir }) {
  const execArgv = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return start(BARE, { BENCH_ROOT: root, BENCH_DB: db, BENCH_PORT: String(port), BENCH_SQL: JSON.stringify(sql) }, execArgv);
}

/** GET with the benchmark's headers; the parsed JSON body, or an Error naming the status. */
export async function getJson(url, token) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${new URL(url).pathname} answered ${res.status}: ${body.slice(0, 200)}`);
  return JSON.parse(body);
}

/**
 * Asks the facade for one read and one search of `patientId` and returns the SQL it ran for each, with the patient
 * id in the parameters replaced by `'$id'` (the template the bare server binds).
 */
export async function captureFacadeSql(facade, baseUrl, token, paths, patientId) {
  const capture = async (path) => {
    await facade.request('sql'); // drop statements prepared so far (start-up probes)
    await getJson(`${baseUrl}${path}`, token);
    const { log } = await facade.request('sql');
    if (!log.length) throw new Error(`The facade prepared no statement for ${path} (was it already cached?)`);
    return log.map(({ sql, params }) => ({ sql, params: (params ?? []).map((p) => (p === patientId || p === String(patientId) ? '$id' : p)) }));
  };
  return { read: await capture(paths.read(patientId)), search: await capture(paths.search(patientId)) };
}

/** The same JSON from both servers once their base URLs are aligned (the paging cursor of `next` links aside)? */
export async function sameJson(facadeUrl, bareUrl, path, token) {
  const strip = (body, base) => {
    const text = JSON.stringify(body).split(base).join('<base>');
    const json = JSON.parse(text);
    for (const l of json.link ?? []) if (l.relation === 'next') l.url = l.url.replace(/&_cursor=[^&]*/, '');
    return json;
  };
  const a = strip(await getJson(`${facadeUrl}${path}`, token), facadeUrl);
  const b = strip(await getJson(`${bareUrl}${path}`, token), bareUrl);
  return isDeepStrictEqual(a, b);
}
