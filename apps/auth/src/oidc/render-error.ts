import type { KoaContextWithOIDC } from 'oidc-provider';

const escape = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page shown when an authorization request cannot be redirected back to the app (unknown client, bad
 * redirect_uri...). Plain HTML without external resources; shows only the OAuth error and its description.
 */
export async function renderOidcError(ctx: KoaContextWithOIDC, out: { error?: string; error_description?: string }): Promise<void> {
  ctx.type = 'html';
  ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Authorization error</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>The app's request could not be completed</h1>
<p><strong>${escape(out.error ?? 'error')}</strong>${out.error_description ? `: ${escape(out.error_description)}` : ''}</p>
<p>Return to the app and try again, or contact the app's developer.</p></body></html>`;
}
