import { Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SCREENS_DEPS, type ScreensDeps } from '../web/screens-deps.js';
import { InteractionService } from './interaction.service.js';
import { ScreensExceptionFilter } from '../web/screens-exception.filter.js';

/** Routes of oidc-provider's interaction URL (`interactions.url` = `/interaction/:uid`). */
@UseFilters(ScreensExceptionFilter)
@Controller('interaction')
export class InteractionController {
  private readonly service: InteractionService;

  constructor(@Inject(SCREENS_DEPS) deps: ScreensDeps) {
    this.service = new InteractionService(deps);
  }

  @Get(':uid')
  show(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.service.show(req, res);
  }

  @Post(':uid/login')
  login(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.service.login(req, res);
  }

  @Post(':uid/patient')
  pickPatient(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.service.pickPatient(req, res);
  }

  @Post(':uid/consent')
  consent(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.service.consent(req, res);
  }

  @Post(':uid/abort')
  abort(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.service.abort(req, res);
  }
}
