/**
 * Serves the test SMART app (launch.html, app.html) and the fhirclient browser bundle from node_modules on its own
 * origin, like a real app hosted elsewhere. Test tooling only.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Starts the app server on `port` (127.0.0.1); resolves with the server. */
export async function startSmartAppServer(port: number): Promise<Server> {
  const bundle = readFileSync(join(dirname(require.resolve('fhirclient/package.json')), 'build', 'fhir-client.js'));
  const files: Record<string, [string, Buffer]> = {
    '/launch.html': ['text/html', readFileSync(join(here, 'launch.html'))],
    '/app.html': ['text/html', readFileSync(join(here, 'app.html'))],
    '/fhir-client.js': ['text/javascript', bundle],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': `${file[0]}; charset=utf-8`, 'Cache-Control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
