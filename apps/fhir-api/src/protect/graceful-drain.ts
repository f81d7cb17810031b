/**
 * Graceful close under load. Nest closes the HTTP server (Fastify: no new connections; requests in flight are
 * answered), then the databases. Fastify closes the keep-alive connections that are idle *when* the close starts,
 * but a connection whose request was still running becomes idle only after its answer, and would then stay open
 * until the keep-alive timeout (72 s): the close, and a SIGTERM'd process, would hang that long. While the app is
 * draining this provider closes idle connections every 100 ms, and `/readyz` answers 503 (a load balancer stops
 * sending traffic).
 */
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { READINESS_PROBES } from '../fhir-api.tokens.js';

@Injectable()
export class GracefulDrain implements BeforeApplicationShutdown, OnApplicationShutdown {
  private draining = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(READINESS_PROBES) probes: Record<string, () => Promise<unknown>>,
  ) {
    probes.accepting = async () => {
      if (this.draining) throw new Error('shutting down');
    };
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
    const server = this.host.httpAdapter?.getHttpServer() as Server | undefined;
    if (typeof server?.closeIdleConnections !== 'function') return;
    this.timer = setInterval(() => server.closeIdleConnections(), 100);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
