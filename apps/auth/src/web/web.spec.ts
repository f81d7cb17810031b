import { describe, expect, it } from '@jest/globals';
import type { Request, Response } from 'express';
import { SignedSession } from './cookies.js';
import { CSRF_COOKIE, CsrfGuard } from './csrf.js';
import { escapeHtml, html, raw } from './html.js';
import { renderPage } from './layout.js';
import { WebSecrets } from './web-secrets.js';

const secrets = WebSecrets.fixed('s'.repeat(40));

/** A minimal Express response that records Set-Cookie calls. */
function fakeRes() {
  const cookies: Record<string, { value: string; opts: Record<string, unknown> }> = {};
  const res = {
    cookie: (name: string, value: string, opts: Record<string, unknown>) => { cookies[name] = { value, opts }; return res; },
    clearCookie: (name: string) => { cookies[name] = { value: '', opts: { cleared: true } }; return res; },
  };
  return { res: res as unknown as Response, cookies };
}
const reqWith = (cookie?: string, body?: Record<string, unknown>) => ({ headers: cookie ? { cookie } : {}, body }) as unknown as Request;

describe('html templating', () => {
  it('escapes interpolated text, keeps SafeHtml, drops null/false', () => {
    const name = `<script>alert("x")</script>'&`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;</p>');
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${null}${undefined}${false}${raw('<b>')}`.value).toBe('<b>');
    expect(escapeHtml('`')).toBe('&#96;');
  });

  it('renders a whole accessible page with the local stylesheet', () => {
    const page = renderPage({ title: 'T & Co', body: html`<p>x</p>` });
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<title>T &amp; Co · Medical Office Force</title>');
    expect(page).toContain('href="/assets/auth.css"');
    expect(page).toContain('<main id="main"');
    expect(page).not.toMatch(/https?:\/\//); // nothing from a CDN
  });
});

describe('SignedSession', () => {
  const session = new SignedSession<{ id: number }>('sess', secrets, true, 60_000);

  it('round-trips a value with httpOnly, SameSite=Lax, Secure cookies', () => {
    const { res, cookies } = fakeRes();
    session.write(res, { id: 7 }, 1_000);
    expect(cookies.sess.opts).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true, path: '/' });
    expect(session.read(reqWith(`a=b; sess=${cookies.sess.value}`), 2_000)).toEqual({ id: 7 });
  });

  it('rejects tampered, foreign-key and expired cookies', () => {
    const { res, cookies } = fakeRes();
    session.write(res, { id: 7 }, 1_000);
    const [body, mac] = cookies.sess.value.split('.');
    const forged = Buffer.from(JSON.stringify({ v: { id: 8 }, exp: 99_999_999 })).toString('base64url');
    expect(session.read(reqWith(`sess=${forged}.${mac}`), 2_000)).toBeUndefined();
    expect(session.read(reqWith(`sess=${body}.${mac}`), 61_001)).toBeUndefined();
    const other = new SignedSession<{ id: number }>('sess', WebSecrets.fixed('t'.repeat(40)), true, 60_000);
    expect(other.read(reqWith(`sess=${cookies.sess.value}`), 2_000)).toBeUndefined();
    expect(session.read(reqWith('sess=garbage'), 2_000)).toBeUndefined();
  });
});

describe('CsrfGuard', () => {
  const guard = new CsrfGuard(secrets, false);

  it('issues a token bound to the browser cookie and the form scope', () => {
    const { res, cookies } = fakeRes();
    const req = reqWith();
    const token = guard.issue(req, res, 'uid-1');
    const seed = cookies[CSRF_COOKIE].value;
    expect(cookies[CSRF_COOKIE].opts).toMatchObject({ httpOnly: true, sameSite: 'lax' });
    expect(guard.verify(reqWith(`${CSRF_COOKIE}=${seed}`, { _csrf: token }), 'uid-1')).toBe(true);
    expect(guard.verify(reqWith(`${CSRF_COOKIE}=${seed}`, { _csrf: token }), 'uid-2')).toBe(false);
    expect(guard.verify(reqWith(`${CSRF_COOKIE}=${'x'.repeat(32)}`, { _csrf: token }), 'uid-1')).toBe(false);
    expect(guard.verify(reqWith(undefined, { _csrf: token }), 'uid-1')).toBe(false);
    expect(guard.verify(reqWith(`${CSRF_COOKIE}=${seed}`, { _csrf: [token] }), 'uid-1')).toBe(false);
  });

  it('reuses the existing cookie, so several forms on a page share it', () => {
    const { res, cookies } = fakeRes();
    const seed = 'y'.repeat(32);
    guard.issue(reqWith(`${CSRF_COOKIE}=${seed}`), res, 'a');
    expect(cookies[CSRF_COOKIE]).toBeUndefined();
  });
});
