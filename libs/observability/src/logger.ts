import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';

/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Per-request context carried through async calls: the request id lands on every log line; `span` is the
 * request's server span when it is traced (telemetry.ts makes the engine's child spans under it).
 */
export const requestContext = new AsyncLocalStorage<{ requestId: string; span?: Span }>();

/**
 * Structured JSON logger, one line per event. Callers pass event names and non-PHI fields only
 * (ids of rows are fine; names, birth dates, free text and query strings are not).
 */
export class JsonLogger {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
    private readonly sink: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  /** Whether lines of this level are written (lets hot paths skip building their fields). */
  enabled(level: LogLevel): boolean {
    return ORDER[level] >= ORDER[this.level];
  }

  private write(level: LogLevel, event: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.level]) return;
    const requestId = requestContext.getStore()?.requestId;
    this.sink(JSON.stringify({ time: new Date().toISOString(), level, service: this.service, event, ...(requestId ? { requestId } : {}), ...fields }));
  }

  debug(event: string, fields?: Record<string, unknown>): void {
    this.write('debug', event, fields);
  }
  info(event: string, fields?: Record<string, unknown>): void {
    this.write('info', event, fields);
  }
  warn(event: string, fields?: Record<string, unknown>): void {
    this.write('warn', event, fields);
  }
  error(event: string, fields?: Record<string, unknown>): void {
    this.write('error', event, fields);
  }
}

/** A request id from a trusted-looking `X-Request-Id` header, or a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._-]{1,64}$/.test(value) ? value : randomUUID();
}

/**
 * The path an access line shows: the URL path without query string (FHIR searches carry names and birth dates
 * there), its last segment replaced by `…` unless it is a plain word or id (so an odd id is not echoed).
 */
export function accessLogPath(path: string): string {
  return path.replace(/\/[^/]+$/, (seg) => (/^\/[A-Za-z0-9.-]+$/.test(seg) ? seg : '/…'));
}

/**
 * Writes the one access line of a request (`http_request`: method, path, status, duration). Call it inside the
 * request's {@link requestContext} so the line carries the request id.
 * @param startedMs `performance.now()` when the request arrived
 */
export function logAccess(logger: JsonLogger, method: string, path: string, status: number, startedMs: number): void {
  if (!logger.enabled('info')) return;
  const ms = performance.now() - startedMs;
  logger.info('http_request', { method, path: accessLogPath(path), status, ms: Math.round(ms * 10) / 10 });
}

/**
 * Express-style middleware: assigns the request id (echoed in `X-Request-Id`), runs the rest of the request
 * inside its context, and logs one access line (method, route path without query string, status, duration).
 */
export function requestLogging(logger: JsonLogger) {
  return (req: { method: string; path?: string; url: string; headers: Record<string, string | string[] | undefined> },
    res: { setHeader(n: string, v: string): void; statusCode: number; on(e: 'finish', f: () => void): void },
    next: () => void): void => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    res.on('finish', () => {
      requestContext.run({ requestId }, () => logAccess(logger, req.method, req.path ?? req.url.split('?')[0], res.statusCode, started));
    });
    requestContext.run({ requestId }, next);
  };
}
