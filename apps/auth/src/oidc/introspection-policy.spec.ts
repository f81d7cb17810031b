import { describe, expect, it } from '@jest/globals';
import { mayIntrospect } from './introspection-policy.js';

describe('introspection policy', () => {
  const rs = ['fhir-rs'];
  it("lets a client, or a bearer of its own tokens, introspect only that client's tokens", () => {
    expect(mayIntrospect({ kind: 'client', clientId: 'app', authenticated: true }, 'app', rs)).toBe(true);
    expect(mayIntrospect({ kind: 'bearer', clientId: 'app', authenticated: true }, 'app', rs)).toBe(true);
    expect(mayIntrospect({ kind: 'client', clientId: 'other', authenticated: true }, 'app', rs)).toBe(false);
    expect(mayIntrospect({ kind: 'bearer', clientId: 'other', authenticated: true }, 'app', rs)).toBe(false);
  });

  it('lets a listed resource server introspect any token, but only with client credentials', () => {
    expect(mayIntrospect({ kind: 'client', clientId: 'fhir-rs', authenticated: true }, 'app', rs)).toBe(true);
    expect(mayIntrospect({ kind: 'bearer', clientId: 'fhir-rs', authenticated: true }, 'app', rs)).toBe(false);
    expect(mayIntrospect({ kind: 'public', clientId: 'fhir-rs', authenticated: false }, 'app', rs)).toBe(false);
    expect(mayIntrospect({ kind: 'client', clientId: 'fhir-rs', authenticated: true }, 'app', [])).toBe(false);
  });
});
