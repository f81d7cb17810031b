/**
 * The ExecutionContext the FHIR route runner (fhir-routes.ts) hands its guards: one small object per request whose
 * methods live on the prototype. Nest's ExecutionContextHost answers every `switchToHttp()` with
 * `Object.assign(this, { getRequest: () => ..., getResponse: () => ..., getNext: () => ... })`: three closures and
 * three property stores per call, twice per FHIR request (format and auth guards) — measurable on a cached read
 * (bench/README.md, issue 9 session 6). Same interface and answers; `switchToHttp()` returns the context itself.
 */
import type { ExecutionContext, Type } from '@nestjs/common';
import type { ContextType, HttpArgumentsHost, RpcArgumentsHost, WsArgumentsHost } from '@nestjs/common/interfaces/features/arguments-host.interface.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

export class FhirRouteContext implements ExecutionContext, HttpArgumentsHost {
  constructor(
    private readonly req: FastifyRequest,
    private readonly reply: FastifyReply,
    private readonly controller: Type,
    private readonly handler: (...args: never[]) => unknown,
  ) {}

  getClass<T = unknown>(): Type<T> {
    return this.controller as Type<T>;
  }

  getHandler(): (...args: never[]) => unknown {
    return this.handler;
  }

  getArgs<T extends unknown[] = unknown[]>(): T {
    return [this.req, this.reply] as T;
  }

  getArgByIndex<T = unknown>(index: number): T {
    return (index === 0 ? this.req : index === 1 ? this.reply : undefined) as T;
  }

  getType<TContext extends string = ContextType>(): TContext {
    return 'http' as TContext;
  }

  switchToHttp(): HttpArgumentsHost {
    return this;
  }

  getRequest<T = unknown>(): T {
    return this.req as T;
  }

  getResponse<T = unknown>(): T {
    return this.reply as T;
  }

  getNext<T = unknown>(): T {
    return undefined as T;
  }

  switchToRpc(): RpcArgumentsHost {
    throw new Error('FHIR routes are HTTP only');
  }

  switchToWs(): WsArgumentsHost {
    throw new Error('FHIR routes are HTTP only');
  }
}
