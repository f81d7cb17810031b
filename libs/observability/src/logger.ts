import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Per-request context carried through async calls: the request id lands on every log line. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

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
 * Express-style middleware: assigns the request id (echoed in `X-Request-Id`), runs the rest of the request
 * inside its context, and logs one access line (method, route path without query string, status, duration).
 */
export function requestLogging(logger: JsonLogger) {
  return (req: { method: string; path?: string; url: string; headers: Record<string, string | string[] | undefined> },
    res: { setHeader(n: string, v: string): void; statusCode: number; on(e: 'finish', f: () => void): void },
    next: () => void): void => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Path only: query strings of FHIR searches carry names and birth dates.
      const path = (req.path ?? req.url.split('?')[0]).replace(/\/[^/]+$/, (seg) => (/^\/[A-Za-z0-9.-]+$/.test(seg) ? seg : '/…'));
      requestContext.run({ requestId }, () => logger.info('http_request', { method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }));
    });
    requestContext.run({ requestId }, next);
  };
}
