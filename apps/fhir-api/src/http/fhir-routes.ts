/**
 * The FHIR interactions served as Fastify routes, declared by a Nest controller (issue 9's "Fastify route plugin
 * registered on the adapter's instance inside the module, resolved through DI").
 *
 * FhirController keeps Nest's decorators (`@Get`, `@Post`, ..., `@UseGuards`, `@Req`, `@Res`) and is resolved from
 * the module's injector, but it is not one of the module's `controllers`: on start-up (FhirModule `onModuleInit`)
 * this class reads the controller's route metadata and registers each handler on the Fastify instance directly,
 * with its guards (also resolved through DI) as one `preHandler` and FhirExceptionFilter's `sendError` as the
 * route's error handler. What is skipped is Nest's per-request router pipeline (exception zone, pipes,
 * interceptors, parameter factories), which cost ~60 µs per cached read on a 2-core machine (bench/README.md
 * "Issue 9: the route plugin"). Anything the runner cannot honour (pipes, interceptors, filters, parameter
 * decorators other than `@Req`/`@Res`) makes start-up fail instead of being ignored.
 */
import { Inject, Injectable, Optional, RequestMethod, type CanActivate, type Type } from '@nestjs/common';
import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA, INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA, PIPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { ModuleRef } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { isObservable, lastValueFrom } from 'rxjs';
import { forbidden } from '#facade/fhir';
import type { JsonLogger } from '#facade/observability';
import { sendError } from './fhir-exception.filter.js';
import { FhirRouteContext } from './route-context.js';

/**
 * Guards run after every guarded route's own guards (the caller is known by then): admission control such as the
 * per-app request limits (protect/throttle.guard.ts). A guard that takes something (a concurrency slot) leaves its
 * release on `req.admissionRelease`, called by the route's `onResponse` and `onRequestAbort` hooks.
 */
export const FHIR_ADMISSION_GUARDS = Symbol('FHIR_ADMISSION_GUARDS');

/** An admission guard; one whose `active` is false when the routes are mounted (limits off) is not run at all. */
export interface AdmissionGuard extends CanActivate {
  readonly active?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Gives back what the admission guards took (idempotent). */
    admissionRelease?: () => void;
  }
}

function releaseOnResponse(req: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  req.admissionRelease?.();
  done();
}

function releaseOnAbort(req: FastifyRequest, done: () => void): void {
  req.admissionRelease?.();
  done();
}

/** A controller method as the runner calls it: `(req, reply)` or `(req)`. */
type RouteHandler = (req: FastifyRequest, reply: FastifyReply) => unknown;

/** One route as read from the controller's metadata. */
export interface DeclaredRoute {
  methods: HTTPMethods[];
  paths: string[];
  handlerName: string;
  guards: Type<CanActivate>[];
}

/** `@Req()` and `@Res()` are the only parameters the runner passes (RouteParamtypes REQUEST = 0, RESPONSE = 1). */
const REQUEST_ARG = 0;
const RESPONSE_ARG = 1;

const METHODS: Partial<Record<RequestMethod, HTTPMethods>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.DELETE]: 'DELETE',
  [RequestMethod.PATCH]: 'PATCH',
};

/** The routes a controller class declares, checked: throws on any decorator the runner would not honour. */
export function declaredRoutes(controller: Type): DeclaredRoute[] {
  const refuse = (name: string, what: string) => {
    throw new Error(`${controller.name}.${name}: ${what} is not supported on FHIR routes (http/fhir-routes.ts)`);
  };
  for (const key of [PIPES_METADATA, INTERCEPTORS_METADATA, EXCEPTION_FILTERS_METADATA, GUARDS_METADATA]) {
    if (Reflect.getMetadata(key, controller)) refuse('(class)', `class-level ${key}`);
  }
  const routes: DeclaredRoute[] = [];
  for (const name of Object.getOwnPropertyNames(controller.prototype)) {
    const handler = (controller.prototype as Record<string, unknown>)[name];
    if (name === 'constructor' || typeof handler !== 'function') continue;
    const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
    if (path === undefined) continue;
    const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
    if (!method) refuse(name, 'an HTTP method other than GET, POST, PUT, DELETE, PATCH');
    for (const key of [PIPES_METADATA, INTERCEPTORS_METADATA, EXCEPTION_FILTERS_METADATA]) if (Reflect.getMetadata(key, handler)) refuse(name, key);
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { index: number }>;
    for (const [key, { index }] of Object.entries(args)) {
      const kind = Number(key.split(':')[0]);
      if (!((kind === REQUEST_ARG && index === 0) || (kind === RESPONSE_ARG && index === 1))) refuse(name, `parameter decorator ${key}`);
    }
    routes.push({
      methods: [method as HTTPMethods],
      paths: (Array.isArray(path) ? path : [path]).map((p) => `/${p.replace(/^\/+/, '')}`),
      handlerName: name,
      guards: (Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as Type<CanActivate>[],
    });
  }
  if (routes.length === 0) throw new Error(`${controller.name} declares no routes (Nest route metadata not found)`);
  return routes;
}

/**
 * What a route handler gives Fastify back. An async controller method that called `reply.send()` resolves before an
 * async `onSend` hook (the audit trail's) has finished; Fastify would then send its `undefined` result as an empty
 * body: so a promise resolves to the reply itself (Fastify's "return reply": it settles when the answer is written).
 */
function answered(result: unknown, reply: FastifyReply): unknown {
  return result instanceof Promise ? result.then(() => reply) : undefined;
}

/** Runs the guards in order; synchronous as long as each guard answers synchronously (the cached-token path). */
function runGuards(guards: CanActivate[], context: FhirRouteContext, done: (err?: unknown) => void, from = 0): void {
  for (let i = from; i < guards.length; i++) {
    let answer;
    try {
      answer = guards[i].canActivate(context);
    } catch (e) {
      return done(e);
    }
    if (answer === true) continue;
    if (answer === false) return done(forbidden('Forbidden resource'));
    const pending = isObservable(answer) ? lastValueFrom(answer) : answer;
    pending.then(
      (ok) => (ok ? runGuards(guards, context, done, i + 1) : done(forbidden('Forbidden resource'))),
      (e: unknown) => done(e),
    );
    return;
  }
  done();
}

@Injectable()
export class FhirRoutes {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(FHIR_ADMISSION_GUARDS) private readonly admission: AdmissionGuard[] = [],
  ) {}

  /** Registers every route of each controller (instances resolved from the module) on `fastify`. */
  mount(fastify: FastifyInstance, controllers: readonly Type[], logger: JsonLogger): void {
    const errorHandler = (error: unknown, req: FastifyRequest, reply: FastifyReply) => sendError(error, req, reply, logger);
    for (const controller of controllers) this.mountOne(fastify, controller, errorHandler);
  }

  private mountOne(fastify: FastifyInstance, controller: Type, errorHandler: (error: unknown, req: FastifyRequest, reply: FastifyReply) => void): void {
    const instance = this.moduleRef.get(controller, { strict: false }) as Record<string, RouteHandler>;
    for (const route of declaredRoutes(controller)) {
      const handler = instance[route.handlerName];
      const own = route.guards.map((g) => this.moduleRef.get(g, { strict: false }));
      // Routes without guards (discovery documents) are public: no admission control either.
      const admission = own.length === 0 ? [] : (this.admission ?? []).filter((g) => g.active !== false);
      const guards = [...own, ...admission];
      const preHandler =
        guards.length === 0
          ? undefined
          : (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
              const context = new FhirRouteContext(req, reply, controller, handler);
              runGuards(guards, context, done as (err?: unknown) => void);
            };
      for (const url of route.paths) {
        fastify.route({
          method: route.methods,
          url,
          preHandler,
          errorHandler,
          // Only routes with admission guards can hold a slot: the others pay no hook for it.
          ...(admission.length ? { onResponse: releaseOnResponse, onRequestAbort: releaseOnAbort } : {}),
          handler: (req, reply) => answered(handler.call(instance, req, reply), reply),
        });
      }
    }
  }
}
