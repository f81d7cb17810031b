/**
 * A cookie-keeping HTTP client for the authorization server's HTML screens (no JavaScript): GET pages, read the
 * CSRF field, POST forms, follow nothing automatically.
 */
import { CookieJar } from '../../auth/protocol/support/cookie-jar.js';

/** One page or redirect. */
export interface PageResponse {
  status: number;
  html: string;
  location: string;
  headers: Headers;
}

/** The CSRF field of a page, or '' when it has none. */
export const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A browser-like session against one origin. */
export class ScreenSession {
  constructor(readonly base: string, readonly jar = new CookieJar()) {}

  private async send(path: string, init: RequestInit): Promise<PageResponse> {
    const res = await fetch(new URL(path, this.base), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: this.jar.header() } });
    this.jar.store(res);
    return { status: res.status, html: await res.text(), location: res.headers.get('location') ?? '', headers: res.headers };
  }

  get(path: string): Promise<PageResponse> {
    return this.send(path, { method: 'GET' });
  }

  post(path: string, form: Record<string, string>): Promise<PageResponse> {
    return this.send(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  }

  /** GETs `path` and POSTs `form` to `action` with the page's CSRF token. */
  async submit(path: string, action: string, form: Record<string, string>): Promise<PageResponse> {
    const page = await this.get(path);
    return this.post(action, { _csrf: csrfOf(page.html), ...form });
  }
}

/** Markup an attacker-controlled string must never produce in a page. */
export const ACTIVE_MARKUP = /<script>alert|<img src=x onerror|<svg onload|javascript:alert/i;
