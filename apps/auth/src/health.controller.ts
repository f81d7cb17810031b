import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FacadeStore } from '../../../libs/facade-store/src/index.js';
import { FACADE_STORE, LEGACY_DATA_SOURCE } from './tokens.js';

/** Liveness and readiness (both databases answer) of the auth app. */
@Controller('health')
export class HealthController {
  constructor(@Inject(FACADE_STORE) private readonly store: FacadeStore, @Inject(LEGACY_DATA_SOURCE) private readonly legacy: DataSource) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
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
