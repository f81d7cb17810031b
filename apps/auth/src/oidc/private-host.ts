import { isIP } from 'node:net';
import { isPublicAddress } from '#facade/security/src/net/outbound-fetch.js';

/**
 * True when a URL names a non-public address literal (every range but global unicast, IPv4-mapped and translated
 * IPv6 forms included: see isPublicAddress) or a `localhost` name (with or without the trailing dot). Used to refuse
 * such jwks_uri values at registration; names are resolved and checked again at every fetch by the outbound fetch
 * (libs/security/src/net/outbound-fetch.ts), which also pins the connection to the checked address.
 */
export function isPrivateHost(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return true;
  }
  const name = host.replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost') || name === '') return true;
  return isIP(host) !== 0 && !isPublicAddress(host);
}
