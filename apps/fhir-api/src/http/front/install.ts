/**
 * Puts the FHIR front in front of the Express application on Nest's HTTP server: the server's one 'request'
 * listener (Express) is replaced by a dispatcher that hands FHIR paths to the front and everything else to
 * Express. `app.listen()`, `app.getHttpServer()` (supertest) and `app.close()` keep working unchanged.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { setNoStoreHeaders } from '../../../../../libs/config/src/index.js';
import type { FhirFront } from './fhir-front.js';
import { fhirBaseOf, pathOf } from './router.js';

export function installFhirFront(server: Server, front: FhirFront): void {
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`Expected the one Express request listener on the HTTP server, found ${listeners.length}`);
  const express = listeners[0];
  server.removeListener('request', express);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    setNoStoreHeaders(res); // every answer may carry PHI: no caching, no sniffing
    const path = pathOf(req.url ?? '/');
    const base = fhirBaseOf(path);
    if (base) front.serve(req, res, path, base);
    else express(req, res);
  });
}
