import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { FacadeStore } from '#facade/facade-store';
import { FACADE_STORE } from '../tokens.js';
import { RETIRED_KEY_PUBLISH_MS } from './signing-keys.js';

/**
 * The public signing keys, read from the facade store on every request (not from this instance's keystore), so
 * a key created by `rotate-keys` or by another instance is published everywhere at once, and retired keys stay
 * published until the tokens they signed have expired.
 */
@Controller('jwks')
export class JwksController {
  constructor(@Inject(FACADE_STORE) private readonly store: FacadeStore) {}

  @Get()
  @Header('Content-Type', 'application/jwk-set+json; charset=utf-8')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cache-Control', 'public, max-age=60')
  async jwks() {
    const rows = await this.store.keys.listPublishable(RETIRED_KEY_PUBLISH_MS);
    return { keys: rows.map((r) => JSON.parse(r.publicJwk) as Record<string, unknown>) };
  }
}
