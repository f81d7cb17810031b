/**
 * `GET [base]/AuditEvent` and `GET [base]/AuditEvent/[id]`: the PHI access trail for clinic administrators
 * (audit-event.service.ts). Static routes, so Fastify's router prefers them to the generic `/:type` routes of
 * FhirController; the same guards (format, then bearer token). On `/open` the access rule answers 403.
 */
import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FhirBases } from '../fhir-bases.js';
import { FhirAuthGuard } from '../http/auth/fhir-auth.guard.js';
import { queryOf } from '../http/fhir-request.js';
import { sendResource } from '../http/fhir-reply.js';
import { FhirFormatGuard } from '../http/format.guard.js';
import { bundleResources, noteAudited } from './audit-hook.js';
import { AuditEventService } from './audit-event.service.js';

@Controller()
export class AuditEventController {
  constructor(
    private readonly service: AuditEventService,
    private readonly bases: FhirBases,
  ) {}

  @Get(['fhir/AuditEvent', 'open/AuditEvent'])
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  async search(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const bundle = await this.service.search(this.caller(req), this.bases.of(req.url).url, [...queryOf(req)]);
    noteAudited(req, bundleResources(bundle as never));
    sendResource(req, reply, 200, bundle);
  }

  @Get(['fhir/AuditEvent/:id', 'open/AuditEvent/:id'])
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  async read(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { id } = req.params as { id: string };
    const event = await this.service.read(this.caller(req), this.bases.of(req.url).url, id);
    noteAudited(req, [event as never]);
    sendResource(req, reply, 200, event);
  }

  private caller(req: FastifyRequest) {
    if (!req.user) throw new Error('AuditEvent request without an authenticated caller');
    return req.user;
  }
}
