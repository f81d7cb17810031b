/**
 * The one generic controller of the FHIR interactions under `/fhir` and `/open` (any case, optional trailing
 * slash: Fastify's router). Thin: parameters from the route, the caller from FhirAuthGuard (passport), the work in
 * FhirService, the bytes written by fhir-reply.ts. Guards run in order: format negotiation (406) before
 * authentication (401). Its routes are served by FhirRoutes (fhir-routes.ts: Nest's decorators declare them, Fastify
 * runs them; only `@Req()`/`@Res()` parameters and guards are honoured, anything else fails start-up). GET routes answer HEAD (Fastify's head routes); `POST [type]` is create and `PUT [type]/[id]`
 * update (FhirWriteService; a type that is not writable answers 405); other methods on interaction paths are 405s.
 */
import { Controller, Delete, Get, Patch, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentTypeFor, invalid, methodNotAllowed, notFound, parsePrefer, shapeResource } from '#facade/fhir';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { FhirBases } from '../fhir-bases.js';
import { FhirService, type RequestScope } from '../service/fhir.service.js';
import { docrefParametersOf } from '../service/docref-operation.js';
import { FhirAuthGuard } from './auth/fhir-auth.guard.js';
import { formatOf, formEntries, isPretty, queryOf, readShapeOf } from './fhir-request.js';
import { isNotModified, jsonBytesOf, sendResource, versionedOf } from './fhir-reply.js';
import { FhirFormatGuard, isNativeBinaryRead } from './format.guard.js';
import { FhirWriteService } from '../write/fhir-write.service.js';
import { sendWritten } from './write-reply.js';
import { bundleResources, noteAudited } from '../audit/audit-hook.js';

/** The same route under both bases. */
const bases = (path: string): string[] => [`fhir${path}`, `open${path}`];

/** Interaction paths that no method but GET/POST-search serves yet (405 for the other methods). */
const INTERACTION_PATHS = bases('/:type').concat(bases('/:type/:id'), bases('/:type/:id/_history'), bases('/:type/:id/_history/:vid'));
const notPath = (...paths: string[]) => INTERACTION_PATHS.filter((p) => !paths.flatMap(bases).includes(p));

const JSON_TYPE = contentTypeFor('json');

type Params = { type: string; id: string; vid?: string };

@Controller()
export class FhirController {
  constructor(
    private readonly service: FhirService,
    private readonly bases: FhirBases,
    private readonly writes: FhirWriteService,
  ) {}

  @Get(bases('/metadata'))
  @UseGuards(FhirFormatGuard)
  metadata(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    sendResource(req, reply, 200, this.bases.of(req.url).capabilityStatement);
  }

  /** SMART discovery: always `application/json`, whatever the Accept header. */
  @Get(bases('/.well-known/smart-configuration'))
  smartConfiguration(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    reply.type('application/json; charset=utf-8').send(this.bases.of(req.url).smartConfiguration);
  }

  /** US Core `$docref`, before the generic `/:type/:id` routes (the operation's parameters in the URL). */
  @Get(bases('/DocumentReference/$docref'))
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  async docref(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.docrefWith(req, reply, queryOf(req));
  }

  /** `POST $docref`: parameters in the URL and a form body, or a Parameters resource. */
  @Post(bases('/DocumentReference/$docref'))
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  async docrefPost(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = req.body === undefined || req.body === null || req.body instanceof URLSearchParams ? formEntries(req.body) : docrefParametersOf(req.body);
    await this.docrefWith(req, reply, [...queryOf(req), ...body]);
  }

  @Get(bases('/:type'))
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  async search(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.searchWith(req, reply, queryOf(req));
  }

  @Post(bases('/:type/_search'))
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  async searchPost(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType !== 'application/x-www-form-urlencoded') {
      throw invalid('POST _search needs an application/x-www-form-urlencoded body', { messageCode: 'SEARCH_POST_FORM' });
    }
    // URL parameters first, then the form's (both are the search).
    await this.searchWith(req, reply, [...queryOf(req), ...formEntries(req.body)]);
  }

  @Get(bases('/:type/:id'))
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  read(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void | Promise<void> {
    return this.readVersion(req, reply);
  }

  @Get(bases('/:type/:id/_history/:vid'))
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  vread(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void | Promise<void> {
    return this.readVersion(req, reply);
  }

  @Get(bases('/:type/:id/_history'))
  history(@Req() req: FastifyRequest): never {
    throw unsupported(req);
  }

  @Post(bases('/:type'))
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { type } = req.params as Params;
    const ifNoneExist = req.headers['if-none-exist'];
    const result = await this.writes.create(this.scope(req), type, req.body, typeof ifNoneExist === 'string' ? ifNoneExist : undefined);
    noteAudited(req, [result.resource], result as { recordedUser?: number | null });
    sendWritten(req, reply, `${this.scope(req).baseUrl}/${type}`, result.resource, 201);
  }

  @Put(bases('/:type/:id'))
  @UseGuards(FhirFormatGuard, FhirAuthGuard)
  async update(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { type, id } = req.params as Params;
    const result = await this.writes.update(this.scope(req), type, id, req.body, req.headers['if-match']);
    noteAudited(req, [result.resource], result as { recordedUser?: number | null });
    sendWritten(req, reply, `${this.scope(req).baseUrl}/${type}`, result.resource, 200);
  }

  @Post(notPath('/:type').concat(bases('/metadata')))
  post(@Req() req: FastifyRequest): never {
    throw unsupported(req);
  }

  @Put(notPath('/:type/:id'))
  put(@Req() req: FastifyRequest): never {
    throw unsupported(req);
  }

  @Patch(INTERACTION_PATHS)
  patch(@Req() req: FastifyRequest): never {
    throw unsupported(req);
  }

  @Delete(INTERACTION_PATHS)
  delete(@Req() req: FastifyRequest): never {
    throw unsupported(req);
  }

  private scope(req: FastifyRequest): RequestScope {
    const info = this.bases.of(req.url);
    // FhirAuthGuard ran before: a missing caller is a wiring bug, never an anonymous request.
    if (!req.user) throw new Error('FHIR interaction without an authenticated caller');
    return { caller: req.user, baseUrl: info.url, ctx: info.ctx };
  }

  private async searchWith(req: FastifyRequest, reply: FastifyReply, query: Iterable<[string, string]>): Promise<void> {
    const { type } = req.params as Params;
    const { bundle } = await this.service.search(this.scope(req), type, query, isLenient(req));
    noteAudited(req, bundleResources(bundle));
    sendResource(req, reply, 200, bundle as FhirResource);
  }

  private async docrefWith(req: FastifyRequest, reply: FastifyReply, params: Iterable<[string, string]>): Promise<void> {
    const { bundle } = await this.service.docref(this.scope(req), params, isLenient(req));
    noteAudited(req, bundleResources(bundle));
    sendResource(req, reply, 200, bundle as FhirResource);
  }

  /**
   * `read` and `vread` (only the current version is kept by the EHR: older version ids are unknown). Synchronous when
   * the service answers synchronously (SQLite): no promise between the route and the reply; errors thrown here reach
   * the route's error handler like rejections.
   */
  private readVersion(req: FastifyRequest, reply: FastifyReply): void | Promise<void> {
    const { type, id } = req.params as Params;
    if (isNativeBinaryRead(req)) return this.readNativeBinary(req, reply);
    const shape = readShapeOf(req);
    const resource = this.service.readNow(this.scope(req), type, id);
    if (resource instanceof Promise) return resource.then((r) => this.answerRead(req, reply, r, shape));
    this.answerRead(req, reply, resource, shape);
  }

  private answerRead(req: FastifyRequest, reply: FastifyReply, resource: FhirResource, shape: ReturnType<typeof readShapeOf>): void {
    const { type, id, vid } = req.params as Params;
    noteAudited(req, [resource]);
    const v = versionedOf(resource);
    if (vid !== undefined && v.version !== vid) throw notFound(type, `${id}/_history/${vid}`, { messageCode: 'MSG_VERSION_NOT_FOUND' });
    // Lower-case names: Fastify's header() lower-cases every name (a new string for a mixed-case one).
    if (v.etag) reply.header('etag', v.etag);
    if (v.lastModified) reply.header('last-modified', v.lastModified);
    if (isNotModified(req, v)) {
      reply.code(304).send();
      return;
    }
    if (shape) sendResource(req, reply, 200, shapeResource(resource, shape));
    else if (formatOf(req) === 'json' && !isPretty(req)) reply.type(JSON_TYPE).send(jsonBytesOf(resource, v));
    else sendResource(req, reply, 200, resource);
  }

  /** A Binary read answered with the stored bytes and their own content type: same validators and 304 rules. */
  private async readNativeBinary(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { id, vid } = req.params as Params;
    const raw = await this.service.readBinaryContent(this.scope(req), id, req.headers.accept ?? '');
    noteAudited(req, [raw.resource]);
    const v = versionedOf(raw.resource);
    if (vid !== undefined && v.version !== vid) throw notFound('Binary', `${id}/_history/${vid}`, { messageCode: 'MSG_VERSION_NOT_FOUND' });
    reply.headers(raw.headers);
    if (v.etag) reply.header('ETag', v.etag);
    if (v.lastModified) reply.header('Last-Modified', v.lastModified);
    if (isNotModified(req, v)) {
      reply.code(304).send();
      return;
    }
    reply.code(200).type(raw.contentType).send(raw.body);
  }
}

function unsupported(req: FastifyRequest) {
  const path = req.url.split('?')[0].replace(/^\/(fhir|open)/i, '');
  return methodNotAllowed(`${req.method} ${path} is not supported by this server`);
}

/** `Prefer: handling=lenient` (libs/fhir parsePrefer, RFC 7240). */
function isLenient(req: FastifyRequest): boolean {
  return parsePrefer(req.headers.prefer).handling === 'lenient';
}
