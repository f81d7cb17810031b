import type { Server } from 'node:http';

/** Limits for slow clients (HTTP_HEADERS_TIMEOUT_SECONDS, HTTP_REQUEST_TIMEOUT_SECONDS). */
export interface HttpServerLimits {
  /** Time a client has to send the complete request headers. */
  headersTimeoutMs: number;
  /** Time a client has to send the complete request (headers and body). */
  requestTimeoutMs: number;
}

/**
 * Applies {@link HttpServerLimits} to a Node HTTP server before it listens: a slow-header or slow-body client is
 * answered 408 and disconnected after a few seconds instead of holding a connection for minutes. Node checks
 * pending requests every `connectionsCheckingInterval` (30 s by default), so that interval is shortened too.
 */
export function applyHttpServerLimits(server: Server, limits: HttpServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);
  // Read when the server starts listening (Node's setupConnectionsTracking).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1000, limits.headersTimeoutMs);
}

/**
 * Headers of every response that may carry PHI or tokens: not stored by any cache (`Cache-Control: no-store`,
 * `Pragma: no-cache` for HTTP/1.0 caches), never MIME-sniffed. Handlers serving public documents may replace
 * Cache-Control afterwards.
 */
export function setNoStoreHeaders(res: { setHeader(name: string, value: string): unknown }): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
