/**
 * The secret of the `/metrics` endpoint. Metrics are not PHI, but they reveal how a clinic works (request volumes
 * per resource type and hour, which interactions fail, refusals that show probing): only the scraper may read
 * them. `Authorization: Bearer <METRICS_TOKEN>` (Prometheus `authorization: { credentials: ... }`), compared in
 * constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Checks `Authorization` headers against one bearer secret. */
export class MetricsSecret {
  private readonly expected: Buffer;

  constructor(secret: string) {
    this.expected = digest(secret);
  }

  /** Whether the header is `Bearer <secret>` (scheme case-insensitive). */
  allows(authorization: string | undefined): boolean {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return !!m && timingSafeEqual(digest(m[1]), this.expected);
  }
}
