import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { STYLESHEET, STYLESHEET_PATH } from './styles.js';

/** Serves the pages' stylesheet from the app itself (no CDN). */
@Controller()
export class AssetsController {
  @Get(STYLESHEET_PATH)
  stylesheet(@Res() res: Response): void {
    res.type('text/css').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(STYLESHEET);
  }
}
