import { Controller, Get, Inject, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import type { LegacyPractice } from '#facade/legacy-db';
import { SCREENS_DEPS, type ScreensDeps } from '../../web/screens-deps.js';
import { buildDirectoryBundle } from './directory-bundle.js';
import { renderDirectoryPage } from './directory.view.js';
import { ScreensExceptionFilter } from '../../web/screens-exception.filter.js';

export const DIRECTORY_BUNDLE_PATH = '/directory/bundle.json';

/** Public (no sign-in) endpoint directory: an HTML page and the FHIR Bundle, open to any origin. */
@UseFilters(ScreensExceptionFilter)
@Controller('directory')
export class DirectoryController {
  constructor(@Inject(SCREENS_DEPS) private readonly deps: ScreensDeps) {}

  private practices(): Promise<LegacyPractice[]> {
    return this.deps.legacy.getRepository<LegacyPractice>('PRACTICE').find({ order: { PRACTICE_ID: 'ASC' } });
  }

  @Get()
  async page(@Res() res: Response): Promise<void> {
    res.status(200).type('html').setHeader('Cache-Control', 'public, max-age=300');
    res.send(renderDirectoryPage(await this.practices(), this.deps.config.fhirBases, DIRECTORY_BUNDLE_PATH));
  }

  @Get('bundle.json')
  async bundle(@Res() res: Response): Promise<void> {
    const bundle = buildDirectoryBundle(await this.practices(), this.deps.config.fhirBases, `${this.deps.config.authPublicUrl}/directory`, new Date(this.deps.now()).toISOString());
    res.status(200).type('application/fhir+json').setHeader('Access-Control-Allow-Origin', '*').setHeader('Cache-Control', 'public, max-age=300');
    res.send(JSON.stringify(bundle));
  }
}
