import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOutboundFetch, isPublicAddress, OutboundFetchError } from './outbound-fetch.js';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '10.0.0.1', '172.16.0.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.1',
    '198.18.0.1', '198.19.255.255', '192.0.2.1', '240.0.0.1', '::', '::1', 'fe80::1', 'fd00::1', 'fec0::1', 'ff02::1', '::ffff:127.0.0.1',
    '::ffff:7f00:1', '::ffff:a9fe:a9fe', '::ffff:8.8.8.8', '64:ff9b::7f00:1', '64:ff9b::808:808', '2002:7f00:1::1', '2001::1', '2001:db8::1',
    'not-an-ip', '',
  ])('%s is not public', (a) => expect(isPublicAddress(a)).toBe(false));
  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700::1111', '2a00:1450:4001::1'])('%s is public', (a) => expect(isPublicAddress(a)).toBe(true));
});

describe('createOutboundFetch', () => {
  const resolvesTo = (...addresses: string[]) => (_host: string, cb: (err: Error | null, a: { address: string; family: number }[]) => void) =>
    cb(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

  it('refuses http, credentials, and non-public IP literals before connecting', async () => {
    const f = createOutboundFetch();
    for (const url of ['http://example.com/jwks', 'https://u:p@example.com/jwks', 'https://[::ffff:127.0.0.1]:18443/jwks', 'https://[64:ff9b::7f00:1]/j', 'https://[fec0::1]/j', 'https://224.0.0.1/j', 'https://198.18.0.1/j', 'https://127.0.0.1/j']) {
      await expect(f(url)).rejects.toBeInstanceOf(OutboundFetchError);
    }
  });

  it('refuses a name that resolves to any non-public address (loopback names, localhost., mixed answers)', async () => {
    for (const lookup of [resolvesTo('127.0.0.1'), resolvesTo('::ffff:127.0.0.1'), resolvesTo('93.184.216.34', '10.0.0.5'), resolvesTo('169.254.169.254')]) {
      const f = createOutboundFetch({ lookup });
      await expect(f('https://127.0.0.1.nip.io/jwks')).rejects.toThrow(/non-public address/);
      await expect(f('https://localhost./jwks')).rejects.toThrow(/non-public address/);
    }
  });

  describe('against a local server (allowPrivate: the policy checks below are the same code path)', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/redirect') return res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        if (req.url === '/big') return res.end('x'.repeat(300_000));
        if (req.url === '/slow') return setTimeout(() => res.end('{}'), 3000);
        res.setHeader('content-type', 'application/json');
        res.end('{"keys":[]}');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => new Promise<void>((r) => server.close(() => r())));

    it('fetches, but never follows a redirect, stops at the size limit and at the time limit', async () => {
      const f = createOutboundFetch({ allowPrivate: true, timeoutMs: 1000 });
      expect(await (await f(`${base}/jwks`)).json()).toEqual({ keys: [] });
      await expect(f(`${base}/redirect`)).rejects.toThrow(/redirects/);
      await expect(f(`${base}/big`)).rejects.toThrow(/too large/);
      await expect(f(`${base}/slow`)).rejects.toBeInstanceOf(OutboundFetchError);
    });

    it('without allowPrivate, the same local server is unreachable, even through a name', async () => {
      const port = (server.address() as AddressInfo).port;
      await expect(createOutboundFetch()(`https://127.0.0.1:${port}/jwks`)).rejects.toBeInstanceOf(OutboundFetchError);
      await expect(createOutboundFetch({ lookup: resolvesTo('127.0.0.1') })(`https://jwks.example:${port}/jwks`)).rejects.toThrow(/non-public/);
    });
  });
});
