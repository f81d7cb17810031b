/**
 * Bulk Data `$export` on `/fhir` (FHIR Bulk Data 2.0.0, 1.0.1-compatible): kick-off (`[base]/$export`,
 * `[base]/Patient/$export`, `[base]/Group/[id]/$export`, GET and POST), status (`$export-status/<id>`: GET polls,
 * DELETE cancels) and files (`$export-file/<id>/<name>`, `application/fhir+ndjson`, streamed). Every route needs a
 * bearer token (FhirAuthGuard: 401 without); the work is BulkExportService's.
 */
import { Controller, Delete, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { operationOutcome, parsePrefer } from '#facade/fhir';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { BulkExportService } from '../export/bulk-export.service.js';
import { exportParametersOf, type ExportLevel } from '../export/export-request.js';
import { FhirBases } from '../fhir-bases.js';
import { FhirAuthGuard } from './auth/fhir-auth.guard.js';
import { queryOf } from './fhir-request.js';
import { sendResource } from './fhir-reply.js';
import { FhirFormatGuard } from './format.guard.js';

type IdParams = { id: string; name?: string };

@Controller()
export class BulkExportController {
  constructor(
    private readonly exports: BulkExportService,
    private readonly bases: FhirBases,
  ) {}

  @Get(['fhir/$export', 'fhir/Patient/$export', 'fhir/Group/:id/$export'])
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  async kickOffGet(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.kickOff(req, reply, [...queryOf(req)], false);
  }

  @Post(['fhir/$export', 'fhir/Patient/$export', 'fhir/Group/:id/$export'])
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  async kickOffPost(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.kickOff(req, reply, [...queryOf(req), ...exportParametersOf(req.body)], true);
  }

  @Get('fhir/$export-status/:id')
  @UseGuards(FhirAuthGuard)
  async status(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { id } = req.params as IdParams;
    const status = await this.exports.status(this.caller(req), id, this.bases.fhir.url);
    if (status.kind === 'running') {
      reply.code(202).header('X-Progress', status.progress).header('Retry-After', String(status.retryAfter)).send();
      return;
    }
    reply.code(200).header('Expires', new Date(status.expires).toUTCString()).type('application/json; charset=utf-8').send(JSON.stringify(status.manifest));
  }

  @Delete('fhir/$export-status/:id')
  @UseGuards(FhirAuthGuard)
  async cancel(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { id } = req.params as IdParams;
    await this.exports.cancel(this.caller(req), id);
    sendResource(req, reply, 202, operationOutcome({ severity: 'information', code: 'informational', messageCode: 'EXPORT_CANCELLED', diagnostics: `Export ${id} was cancelled` }) as FhirResource, 'json');
  }

  @Get('fhir/$export-file/:id/:name')
  @UseGuards(FhirAuthGuard)
  async file(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { id, name } = req.params as IdParams;
    const stream = await this.exports.file(this.caller(req), id, name ?? '');
    reply.code(200).type('application/fhir+ndjson').send(stream);
  }

  private caller(req: FastifyRequest) {
    if (!req.user) throw new Error('$export without an authenticated caller');
    return req.user;
  }

  private async kickOff(req: FastifyRequest, reply: FastifyReply, params: [string, string][], post: boolean): Promise<void> {
    const path = req.url.split('?')[0];
    const level: ExportLevel = /\/group\//i.test(path) ? 'group' : /\/patient\/\$export$/i.test(path) ? 'patient' : 'system';
    const prefer = parsePrefer(req.headers.prefer);
    const info = this.bases.fhir;
    const origin = info.url.slice(0, info.url.length - '/fhir'.length);
    const id = await this.exports.kickOff(
      { caller: this.caller(req), baseUrl: info.url, ctx: info.ctx },
      {
        level, groupId: level === 'group' ? (req.params as IdParams).id : undefined, params, post,
        lenient: prefer.handling === 'lenient', respondAsync: prefer.respondAsync,
        requestUrl: `${origin}${post ? path : req.url}`,
      },
    );
    reply.header('Content-Location', `${info.url}/$export-status/${id}`);
    sendResource(req, reply, 202, operationOutcome({ severity: 'information', code: 'informational', messageCode: 'EXPORT_ACCEPTED', diagnostics: 'The export was accepted; poll Content-Location for its status' }) as FhirResource);
  }
}
