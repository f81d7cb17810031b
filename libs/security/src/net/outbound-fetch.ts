import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';

/** Why an outbound fetch was refused (the message never echoes the response). */
export class OutboundFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundFetchError';
  }
}

/** Limits and policy of {@link createOutboundFetch}. */
export interface OutboundFetchOptions {
  /** Largest accepted response body in bytes (default 256 KiB). */
  maxBytes?: number;
  /** Time limit of the whole exchange in ms (default 5 s). */
  timeoutMs?: number;
  /** Allow http and non-public addresses (local test kits only: AUTH_ALLOW_PRIVATE_JWKS_URI). */
  allowPrivate?: boolean;
  /** Name resolution (tests); default node:dns lookup. */
  lookup?: (hostname: string, callback: (err: Error | null, addresses: LookupAddress[]) => void) => void;
}

/**
 * True only for globally routable unicast addresses. Classification by ipaddr.js: loopback, private, link-local,
 * unique-local, site-local (fec0::/10), multicast, broadcast, unspecified, carrier-grade NAT, reserved and
 * benchmarking (198.18/15, 2001:db8::/32...), and every IPv4-mapped or translated IPv6 form (::ffff:, 64:ff9b::,
 * 6to4, Teredo) are not public.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.parse(address).range() === 'unicast';
}

type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` for URLs that clients control (jwks_uri and any future one): https only, the host name resolved and
 * EVERY resolved address checked with {@link isPublicAddress} inside the connection's own `lookup` (so the socket
 * goes to the address that was checked: no DNS rebinding), IP-literal hosts checked before connecting, no
 * redirects, a time limit and a size limit on the body. Errors are {@link OutboundFetchError}s.
 */
export function createOutboundFetch(options: OutboundFetchOptions = {}): FetchLike {
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const timeoutMs = options.timeoutMs ?? 5000;
  const allowPrivate = options.allowPrivate ?? false;
  const resolve = options.lookup ?? ((host, cb) => dnsLookup(host, { all: true, verbatim: true }, cb));
  const agent = new Agent({
    connect: {
      timeout: timeoutMs,
      lookup: (hostname: string, _opts: unknown, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
        resolve(hostname, (err, addresses) => {
          if (err || !addresses.length) return callback(err ?? new OutboundFetchError('host name does not resolve'), '');
          const refused = addresses.find((a) => !allowPrivate && !isPublicAddress(a.address));
          if (refused) return callback(new OutboundFetchError('host name resolves to a non-public address'), '');
          const [first] = addresses;
          // Node asks for `all` addresses (happy eyeballs) or one: answer both forms with checked addresses only.
          if ((_opts as { all?: boolean } | undefined)?.all) return callback(null, addresses);
          return callback(null, first.address, first.family);
        });
      },
    },
  });

  return async (input, init = {}) => {
    const url = new URL(String(input));
    if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw new OutboundFetchError('only https URLs are fetched');
    if (url.username || url.password) throw new OutboundFetchError('URLs with credentials are not fetched');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !allowPrivate && !isPublicAddress(host)) throw new OutboundFetchError('the address is not public');
    const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    let res;
    try {
      res = await undiciFetch(url, {
        method: init.method ?? 'GET',
        headers: init.headers as Record<string, string> | undefined,
        body: init.body as string | undefined,
        redirect: 'manual',
        signal,
        dispatcher: agent,
      });
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      throw cause instanceof OutboundFetchError ? cause : new OutboundFetchError(`fetch failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      throw new OutboundFetchError('redirects are not followed');
    }
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await res.body?.cancel();
      throw new OutboundFetchError('response too large');
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new OutboundFetchError('response too large');
        chunks.push(chunk);
      }
    }
    const headers = new Headers();
    res.headers.forEach((value, name) => headers.set(name, value));
    const empty = [101, 204, 205, 304].includes(res.status);
    return new Response(empty ? null : Buffer.concat(chunks), { status: res.status, statusText: res.statusText, headers });
  };
}
