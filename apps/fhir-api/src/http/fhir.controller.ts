/**
 * The one FHIR controller for every resource type, mounted on both bases (`/fhir` for provider apps and backend
 * services, `/open` for patient apps). Routing only: the service does the work, the filter writes errors.
 */
import { All, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { invalid, methodNotAllowed, notFound } from '../../../../libs/fhir/src/errors/fhir-error.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { FHIR_API_DEPS, type FhirApiDeps } from '../fhir-api.deps.js';
import { authenticate, type FhirBase } from '../service/request-auth.js';
import type { RequestScope } from '../service/fhir.service.js';
import { responseFormat, sendResource } from './response-writer.js';

/** The base of a request; the router matches paths case-insensitively, so `/OPEN/...` is `/open` too. */
function baseOf(req: Request): FhirBase {
  return /^\/open(\/|$)/i.test(req.path) ? 'open' : 'fhir';
}

/** Express's query as ordered entries (repeats kept), from the raw URL. */
function queryEntries(req: Request): URLSearchParams {
  const q = req.originalUrl.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : req.originalUrl.slice(q + 1));
}

function formEntries(req: Request): URLSearchParams {
  const body = req.body as Record<string, string | string[]> | undefined;
  const out = queryEntries(req);
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) for (const item of Array.isArray(v) ? v : [v]) out.append(k, String(item));
  }
  return out;
}

/** A route parameter as a string. */
function p(req: Request, name: string): string {
  const v = (req.params as Record<string, string | string[]>)[name];
  return Array.isArray(v) ? v.join('/') : v;
}

/** `Prefer: handling=lenient`. */
function isLenient(req: Request): boolean {
  return /(^|[,;\s])handling\s*=\s*lenient\b/i.test(String(req.headers.prefer ?? ''));
}

@Controller(['fhir', 'open'])
export class FhirController {
  constructor(@Inject(FHIR_API_DEPS) private readonly deps: FhirApiDeps) {}

  private async scope(req: Request): Promise<RequestScope> {
    const base = baseOf(req);
    const baseUrl = `${this.deps.config.fhirPublicUrl}/${base}`;
    const caller = await authenticate(this.deps.verifier, req.headers.authorization, base, baseUrl);
    return { caller, baseUrl, ctx: this.deps.mapperContext(baseUrl) };
  }

  @Get('metadata')
  metadata(@Req() req: Request, @Res() res: Response): void {
    res.setHeader('Access-Control-Allow-Origin', '*');
    sendResource(req, res, 200, this.deps.capabilityStatement(`${this.deps.config.fhirPublicUrl}/${baseOf(req)}`));
  }

  @Get('.well-known/smart-configuration')
  smartConfiguration(@Res() res: Response): void {
    // SMART: always application/json, whatever the Accept header.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.status(200).json(this.deps.smartConfiguration);
  }

  @Get(':type')
  async searchGet(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.search(req, res, queryEntries(req));
  }

  @Post(':type/_search')
  async searchPost(@Req() req: Request, @Res() res: Response): Promise<void> {
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') throw invalid('POST _search needs an application/x-www-form-urlencoded body', { messageCode: 'SEARCH_POST_FORM' });
    await this.search(req, res, formEntries(req));
  }

  private async search(req: Request, res: Response, query: URLSearchParams): Promise<void> {
    const format = responseFormat(req);
    const rs = await this.scope(req);
    const { bundle } = await this.deps.service.search(rs, p(req, 'type'), query, isLenient(req));
    sendResource(req, res, 200, bundle as FhirResource, format);
  }

  @Get(':type/:id')
  async read(@Req() req: Request, @Res() res: Response): Promise<void> {
    const format = responseFormat(req);
    const rs = await this.scope(req);
    const resource = await this.deps.service.read(rs, p(req, 'type'), p(req, 'id'));
    this.sendVersioned(req, res, resource, format);
  }

  @Get(':type/:id/_history/:vid')
  async vread(@Req() req: Request, @Res() res: Response): Promise<void> {
    const format = responseFormat(req);
    const rs = await this.scope(req);
    const resource = await this.deps.service.read(rs, p(req, 'type'), p(req, 'id'));
    // Only the current version is kept by the EHR: older version ids are unknown.
    if (resource.meta?.versionId !== p(req, 'vid')) {
      throw notFound(p(req, 'type'), `${p(req, 'id')}/_history/${p(req, 'vid')}`, { messageCode: 'MSG_VERSION_NOT_FOUND' });
    }
    this.sendVersioned(req, res, resource, format);
  }

  private sendVersioned(req: Request, res: Response, resource: FhirResource, format: ReturnType<typeof responseFormat>): void {
    const version = resource.meta?.versionId;
    const lastUpdated = resource.meta?.lastUpdated;
    if (version) res.setHeader('ETag', `W/"${version}"`);
    if (lastUpdated) res.setHeader('Last-Modified', new Date(lastUpdated).toUTCString());
    const inm = req.headers['if-none-match'];
    if (version && inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === `"${version}"` || t.trim() === '*')) {
      res.status(304).end();
      return;
    }
    sendResource(req, res, 200, resource, format);
  }

  /** Interactions this read-only server does not offer (create, update, delete, history ...): 405. */
  @All([':type', ':type/:id', ':type/:id/_history', ':type/:id/_history/:vid'])
  unsupported(@Req() req: Request): never {
    throw methodNotAllowed(`${req.method} ${req.path.replace(/^\/(fhir|open)/, '')} is not supported by this server`);
  }
}
