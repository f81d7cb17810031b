import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { JsonLogger, requestContext } from '#facade/observability';
import { renderMessagePage } from '../interactions/views/message.view.js';

const logger = new JsonLogger('auth-screens', (process.env.LOG_LEVEL as 'info' | undefined) ?? 'info');

/**
 * Errors on the screens become an HTML page: HTTP errors keep their status with a short explanation; anything
 * unexpected is a 500 page with a reference id, while the details (never request data) go to the log.
 */
@Catch()
export class ScreensExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (res.headersSent) return;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const title = status === 404 ? 'Page not found' : status === 413 ? 'Form too large' : 'The request could not be handled';
      res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(renderMessagePage(title, 'Go back and try again.', 'error', { href: '/', label: 'Home' }));
      return;
    }
    const reference = requestContext.getStore()?.requestId ?? String(res.getHeader('X-Request-Id') ?? '');
    const err = exception instanceof Error ? exception : new Error(String(exception));
    logger.error('screen_failed', { route: req.route?.path ?? 'unknown', method: req.method, error: err.name, message: err.message, stack: err.stack });
    res.status(500).type('html').setHeader('Cache-Control', 'no-store')
      .send(renderMessagePage('Something went wrong', `Please try again in a moment. If it keeps happening, give this reference to support: ${reference || 'n/a'}.`));
  }
}
