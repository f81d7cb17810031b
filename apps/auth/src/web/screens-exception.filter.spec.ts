import { describe, expect, it } from '@jest/globals';
import { NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { ScreensExceptionFilter } from './screens-exception.filter.js';

function host() {
  const sent: { status?: number; body?: string; headers: Record<string, string> } = { headers: {} };
  const res = {
    headersSent: false,
    status(s: number) { sent.status = s; return res; },
    type() { return res; },
    setHeader(n: string, v: string) { sent.headers[n] = v; return res; },
    getHeader: (n: string) => (n === 'X-Request-Id' ? 'req-123' : undefined),
    send(b: string) { sent.body = b; return res; },
  };
  const req = { method: 'POST', route: { path: '/connect/apps' } };
  const h = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
  return { h, sent };
}

describe('ScreensExceptionFilter', () => {
  it('turns an unexpected error into a 500 HTML page with a reference and no internals', () => {
    const { h, sent } = host();
    new ScreensExceptionFilter().catch(new Error('SQLITE_BUSY: database is locked at /data/x.sqlite'), h);
    expect(sent.status).toBe(500);
    expect(sent.body).toContain('Something went wrong');
    expect(sent.body).toContain('req-123');
    expect(sent.body).not.toContain('SQLITE_BUSY');
    expect(sent.body).not.toMatch(/\.(ts|js):\d+/);
  });

  it('keeps the status of HTTP errors', () => {
    const { h, sent } = host();
    new ScreensExceptionFilter().catch(new NotFoundException(), h);
    expect(sent.status).toBe(404);
    expect(sent.body).toContain('Page not found');
  });
});
