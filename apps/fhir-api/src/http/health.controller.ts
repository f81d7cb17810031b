import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { FHIR_API_DEPS, type FhirApiDeps } from '../fhir-api.deps.js';

/** Liveness and readiness probes (plain JSON, no authentication, no data). */
@Controller()
export class HealthController {
  constructor(@Inject(FHIR_API_DEPS) private readonly deps: FhirApiDeps) {}

  @Get('healthz')
  live(@Res() res: Response): void {
    res.status(200).json({ status: 'ok' });
  }

  @Get('readyz')
  async ready(@Res() res: Response): Promise<void> {
    const checks: Record<string, 'ok' | 'failed'> = {};
    for (const [name, probe] of Object.entries(this.deps.readinessProbes)) {
      try {
        await probe();
        checks[name] = 'ok';
      } catch {
        checks[name] = 'failed';
      }
    }
    const ok = Object.values(checks).every((c) => c === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
  }
}
