/** Dependency-injection tokens of the auth app (use with `@Inject(TOKEN)`). */

/** The validated {@link AuthConfig}. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
/** The oidc-provider `Provider` instance (interactionDetails / interactionFinished / Grant ...). */
export const OIDC_PROVIDER = Symbol('OIDC_PROVIDER');
/** The facade store (`FacadeStore`: DataSource + repositories). */
export const FACADE_STORE = Symbol('FACADE_STORE');
/** The customer's legacy database (`DataSource`, initialized). */
export const LEGACY_DATA_SOURCE = Symbol('LEGACY_DATA_SOURCE');
/** The `SmartGrantContextStore` implementation. */
export const GRANT_CONTEXT_STORE = Symbol('GRANT_CONTEXT_STORE');
/** The whole `OidcRuntime` (provider, keys, lookups). */
export const OIDC_RUNTIME = Symbol('OIDC_RUNTIME');
/** The JSON logger of the auth app. */
export const AUTH_LOGGER = Symbol('AUTH_LOGGER');
/** The whole `AuthRuntime` (config, store, legacy, oidc, logger). */
export const AUTH_RUNTIME = Symbol('AUTH_RUNTIME');
