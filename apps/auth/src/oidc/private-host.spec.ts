import { describe, expect, it } from '@jest/globals';
import { isPrivateHost } from './private-host.js';

describe('isPrivateHost', () => {
  it.each(['http://localhost:8080/jwks', 'https://127.0.0.1/j', 'https://10.1.2.3/j', 'https://172.20.0.1/j', 'https://192.168.1.1/j', 'https://169.254.169.254/latest', 'https://[::1]/j', 'https://[fd00::1]/j', 'not a url'])(
    '%s is private', (url) => expect(isPrivateHost(url)).toBe(true));
  it.each(['https://apps.example.com/jwks.json', 'https://8.8.8.8/j', 'https://172.32.0.1/j'])('%s is public', (url) => expect(isPrivateHost(url)).toBe(false));
});
