import { describe, expect, it } from '@jest/globals';
import { Body, Controller, Get, Post, Req, Res, UseGuards, UseInterceptors, UsePipes, type CallHandler, type CanActivate, type NestInterceptor, type PipeTransform } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { FhirAuthGuard } from './auth/fhir-auth.guard.js';
import { FhirController } from './fhir.controller.js';
import { declaredRoutes } from './fhir-routes.js';
import { FhirFormatGuard } from './format.guard.js';

class AllowAll implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}
class Passthrough implements NestInterceptor {
  intercept(_ctx: unknown, next: CallHandler): Observable<unknown> {
    return next.handle();
  }
}
class Identity implements PipeTransform {
  transform(v: unknown): unknown {
    return v;
  }
}

describe('declaredRoutes (the FHIR controller as Fastify routes)', () => {
  it('reads every route of FhirController with its methods, both bases and its guards in order', () => {
    const routes = declaredRoutes(FhirController);
    const find = (handlerName: string) => routes.find((r) => r.handlerName === handlerName);
    expect(find('read')).toEqual({ methods: ['GET'], paths: ['/fhir/:type/:id', '/open/:type/:id'], handlerName: 'read', guards: [FhirFormatGuard, FhirAuthGuard] });
    expect(find('searchPost')?.paths).toEqual(['/fhir/:type/_search', '/open/:type/_search']);
    expect(find('update')?.methods).toEqual(['PUT']);
    // Discovery documents are public: no authentication guard.
    expect(find('smartConfiguration')?.guards).toEqual([]);
    expect(find('metadata')?.guards).toEqual([FhirFormatGuard]);
    // Methods on interaction paths that nothing serves are declared (405 answers), not left to the 404 handler.
    expect(find('delete')?.methods).toEqual(['DELETE']);
    expect(find('patch')?.paths).toContain('/fhir/:type/:id');
  });

  it('refuses at start-up what the runner would not honour: parameter decorators other than @Req/@Res, pipes, interceptors, class guards', () => {
    @Controller()
    class WithBody {
      @Post('x')
      create(@Body() _body: unknown): void {}
    }
    @Controller()
    class WithInterceptor {
      @Get('x')
      @UseInterceptors(Passthrough)
      read(@Req() _req: unknown, @Res() _res: unknown): void {}
    }
    @Controller()
    class WithPipe {
      @Get('x')
      @UsePipes(Identity)
      read(@Req() _req: unknown): void {}
    }
    @Controller()
    @UseGuards(AllowAll)
    class WithClassGuard {
      @Get('x')
      read(@Req() _req: unknown): void {}
    }
    @Controller()
    class WithSwappedArgs {
      @Get('x')
      read(@Res() _res: unknown, @Req() _req: unknown): void {}
    }
    @Controller()
    class Empty {}
    expect(() => declaredRoutes(WithBody)).toThrow(/WithBody\.create: parameter decorator/);
    expect(() => declaredRoutes(WithInterceptor)).toThrow(/WithInterceptor\.read: __interceptors__/);
    expect(() => declaredRoutes(WithPipe)).toThrow(/WithPipe\.read: __pipes__/);
    expect(() => declaredRoutes(WithClassGuard)).toThrow(/class-level __guards__/);
    expect(() => declaredRoutes(WithSwappedArgs)).toThrow(/parameter decorator/);
    expect(() => declaredRoutes(Empty)).toThrow(/declares no routes/);
  });
});
