import { describe, expect, it } from '@jest/globals';
import { isPrivateHost } from './private-host.js';

describe('isPrivateHost', () => {
  it.each([
    'http://localhost:8080/jwks', 'https://localhost./j', 'https://a.localhost/j', 'https://127.0.0.1/j', 'https://10.1.2.3/j', 'https://172.20.0.1/j',
    'https://192.168.1.1/j', 'https://169.254.169.254/latest', 'https://[::1]/j', 'https://[fd00::1]/j', 'not a url',
    // Issue 13: forms that passed the hand-written list.
    'https://[::ffff:127.0.0.1]:18443/jwks', 'https://[::ffff:7f00:1]/j', 'https://[::ffff:a9fe:a9fe]/j', 'https://[64:ff9b::7f00:1]/j',
    'https://[fec0::1]/j', 'https://224.0.0.1/j', 'https://198.18.0.1/j', 'https://[2002:7f00:1::1]/j', 'https://0.0.0.0/j',
  ])('%s is private', (url) => expect(isPrivateHost(url)).toBe(true));
  it.each(['https://apps.example.com/jwks.json', 'https://8.8.8.8/j', 'https://172.32.0.1/j', 'https://[2606:4700::1111]/j'])('%s is public', (url) => expect(isPrivateHost(url)).toBe(false));
});
