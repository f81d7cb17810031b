import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FacadeStore } from '#facade/facade-store';
import { FACADE_STORE, LEGACY_DATA_SOURCE } from './tokens.js';

/** Liveness (`/healthz`) and readiness (`/readyz`: both databases answer) of the auth app, as on the FHIR API. */
@Controller()
export class HealthController {
  constructor(@Inject(FACADE_STORE) private readonly store: FacadeStore, @Inject(LEGACY_DATA_SOURCE) private readonly legacy: DataSource) {}

  @Get(['healthz', 'health/live'])
  live() {
    return { status: 'ok' };
  }

  @Get(['readyz', 'health/ready'])
  async ready() {
    const checks: Record<string, string> = {};
    for (const [name, ds] of [['facadeStore', this.store.dataSource], ['legacyDb', this.legacy]] as const) {
      try {
        await ds.query('SELECT 1');
        checks[name] = 'ok';
      } catch {
        checks[name] = 'unavailable';
      }
    }
    const ok = Object.values(checks).every((v) => v === 'ok');
    if (!ok) throw new HttpException({ status: 'unavailable', checks }, 503);
    return { status: 'ok', checks };
  }
}
