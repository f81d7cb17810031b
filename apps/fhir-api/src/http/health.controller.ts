import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { READINESS_PROBES } from '../fhir-api.tokens.js';

/** Liveness and readiness probes (plain JSON, no authentication, no data). */
@Controller()
export class HealthController {
  constructor(@Inject(READINESS_PROBES) private readonly probes: Record<string, () => Promise<unknown>>) {}

  @Get('healthz')
  live(@Res() reply: FastifyReply): void {
    reply.code(200).send({ status: 'ok' });
  }

  @Get('readyz')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const checks: Record<string, 'ok' | 'failed'> = {};
    for (const [name, probe] of Object.entries(this.probes)) {
      try {
        await probe();
        checks[name] = 'ok';
      } catch {
        checks[name] = 'failed';
      }
    }
    const ok = Object.values(checks).every((c) => c === 'ok');
    reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
  }
}
