import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { hashSecret, verifySecret, type RegisteredClient } from '#facade/facade-store';
import { ClientRegistrationError, widenedScopes } from '../../registration/client-registration.service.js';
import { renderMessagePage } from '../../interactions/views/message.view.js';
import { SCREENS_DEPS, type ScreensDeps } from '../../web/screens-deps.js';
import { revokeGrant } from '../grant-revocation.js';
import { developerStamp, field, formOf, portalSessions, sendPage, type PortalSessions } from '../portal-session.js';
import { readAppForm, toRegistrationInput } from './app-form.js';
import { DEFAULT_APP_FORM, formValuesOf, renderAppDetail, renderAppForm, renderAppList, renderConnectSignedOut } from './connect.views.js';
import { ScreensExceptionFilter } from '../../web/screens-exception.filter.js';

const SIGNIN_FAILED = 'The email or password is incorrect.';
const ANON = 'connect:anon';

/**
 * The developer "Connect portal": developer accounts (scrypt-hashed passwords in the facade store) register,
 * inspect, rotate and delete their apps through the core's ClientRegistrationService.
 */
@UseFilters(ScreensExceptionFilter)
@Controller('connect')
export class ConnectController {
  private readonly sessions: PortalSessions;

  constructor(@Inject(SCREENS_DEPS) private readonly deps: ScreensDeps) {
    this.sessions = portalSessions(deps);
  }

  private async developer(req: Request) {
    return this.sessions.developer.current(req, (id) => this.deps.store.developers.find(id), developerStamp);
  }

  private scope(developerId: string): string {
    return `connect:${developerId}`;
  }

  /** The developer's app, or undefined when it is not theirs. */
  private async ownApp(developerId: string, clientId: string): Promise<RegisteredClient | undefined> {
    const app = await this.deps.store.clients.find(clientId);
    return app && app.developerAccountId === developerId ? app : undefined;
  }

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const dev = await this.developer(req);
    if (!dev) return sendPage(res, 200, renderConnectSignedOut(this.deps.csrf.issue(req, res, ANON)));
    const apps = await this.deps.store.clients.listByDeveloper(dev.id);
    sendPage(res, 200, renderAppList(dev.displayName, this.deps.csrf.issue(req, res, this.scope(dev.id)), apps));
  }

  @Post('signup')
  async signup(@Req() req: Request, @Res() res: Response): Promise<void> {
    const form = formOf(req);
    const email = field(form, 'email', 200).toLowerCase();
    const name = field(form, 'displayName', 120);
    const password = typeof form.password === 'string' ? form.password : '';
    const again = (msg: string) => sendPage(res, 400, renderConnectSignedOut(this.deps.csrf.issue(req, res, ANON), msg, email));
    if (!this.deps.csrf.verify(req, ANON)) return again('Your form expired. Please try again.');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || !name || password.length < 10 || password.length > 200) {
      return again('Enter your name, a valid email address and a password of at least 10 characters.');
    }
    if (await this.deps.store.developers.findByEmail(email)) return again('An account with this email already exists. Sign in instead.');
    const dev = await this.deps.store.developers.create(email, name, await hashSecret(password));
    await this.deps.store.audit.record('developer.created', { actor: `developer:${dev.id}` });
    await this.sessions.developer.start(req, res, dev.id, developerStamp(dev));
    res.redirect(303, '/connect');
  }

  @Post('signin')
  async signin(@Req() req: Request, @Res() res: Response): Promise<void> {
    const form = formOf(req);
    const email = field(form, 'email', 200).toLowerCase();
    const password = typeof form.password === 'string' ? form.password : '';
    if (!this.deps.csrf.verify(req, ANON)) return sendPage(res, 400, renderConnectSignedOut(this.deps.csrf.issue(req, res, ANON), 'Your form expired. Please try again.', email));
    const dev = email ? await this.deps.store.developers.findByEmail(email) : undefined;
    const ok = await verifySecret(password, dev?.passwordHash ?? null);
    if (!dev || !ok) return sendPage(res, 401, renderConnectSignedOut(this.deps.csrf.issue(req, res, ANON), SIGNIN_FAILED, email));
    await this.sessions.developer.start(req, res, dev.id, developerStamp(dev));
    res.redirect(303, '/connect');
  }

  @Post('signout')
  async signout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const s = await this.sessions.developer.read(req);
    // Sign-out is CSRF-checked too, so another site cannot log a developer out.
    if (!s || !this.deps.csrf.verify(req, this.scope(s.subject))) return res.redirect(303, '/connect');
    await this.sessions.developer.endEverywhere(res, s.subject);
    res.redirect(303, '/connect');
  }

  @Get('apps/new')
  async newApp(@Req() req: Request, @Res() res: Response): Promise<void> {
    const dev = await this.developer(req);
    if (!dev) return res.redirect(303, '/connect');
    sendPage(res, 200, renderAppForm(this.deps.csrf.issue(req, res, this.scope(dev.id)), DEFAULT_APP_FORM));
  }

  @Post('apps')
  async createApp(@Req() req: Request, @Res() res: Response): Promise<void> {
    const dev = await this.developer(req);
    if (!dev) return res.redirect(303, '/connect');
    const values = readAppForm(formOf(req));
    const csrf = () => this.deps.csrf.issue(req, res, this.scope(dev.id));
    if (!this.deps.csrf.verify(req, this.scope(dev.id))) return sendPage(res, 400, renderAppForm(csrf(), values, ['Your form expired. Please submit again.']));
    const { input, problems } = toRegistrationInput(values, dev.id);
    if (problems.length) return sendPage(res, 400, renderAppForm(csrf(), values, problems));
    const wait = this.deps.registration.admit(req.ip);
    if (wait !== undefined) {
      res.set('Retry-After', String(wait));
      return sendPage(res, 429, renderAppForm(csrf(), values, [`Too many apps were registered from your address. Try again in ${Math.ceil(wait / 60)} minutes.`]));
    }
    try {
      const { client, clientSecret } = await this.deps.registration.register(input, `developer:${dev.id}`);
      sendPage(res, 201, renderAppDetail(csrf(), client, clientSecret, 'Your app is registered. Ask each clinic to approve it.'));
    } catch (err) {
      if (!(err instanceof ClientRegistrationError)) throw err;
      sendPage(res, 400, renderAppForm(csrf(), values, err.problems));
    }
  }

  @Get('apps/:clientId')
  async showApp(@Req() req: Request, @Res() res: Response, @Param('clientId') clientId: string): Promise<void> {
    const dev = await this.developer(req);
    if (!dev) return res.redirect(303, '/connect');
    const app = await this.ownApp(dev.id, clientId);
    if (!app) return sendPage(res, 404, renderMessagePage('App not found', 'There is no such app in your account.', 'error', { href: '/connect', label: 'Your apps' }));
    sendPage(res, 200, renderAppDetail(this.deps.csrf.issue(req, res, this.scope(dev.id)), app));
  }

  @Get('apps/:clientId/edit')
  async editApp(@Req() req: Request, @Res() res: Response, @Param('clientId') clientId: string): Promise<void> {
    const dev = await this.developer(req);
    if (!dev) return res.redirect(303, '/connect');
    const app = await this.ownApp(dev.id, clientId);
    if (!app) return sendPage(res, 404, renderMessagePage('App not found', 'There is no such app in your account.', 'error', { href: '/connect', label: 'Your apps' }));
    sendPage(res, 200, renderAppForm(this.deps.csrf.issue(req, res, this.scope(dev.id)), formValuesOf(app), [], app));
  }

  @Post('apps/:clientId')
  async updateApp(@Req() req: Request, @Res() res: Response, @Param('clientId') clientId: string): Promise<void> {
    const dev = await this.developer(req);
    if (!dev) return res.redirect(303, '/connect');
    const app = await this.ownApp(dev.id, clientId);
    if (!app) return sendPage(res, 404, renderMessagePage('App not found', 'There is no such app in your account.', 'error', { href: '/connect', label: 'Your apps' }));
    const values = { ...readAppForm(formOf(req)), kind: formValuesOf(app).kind };
    const csrf = () => this.deps.csrf.issue(req, res, this.scope(dev.id));
    if (!this.deps.csrf.verify(req, this.scope(dev.id))) return sendPage(res, 400, renderAppForm(csrf(), values, ['Your form expired. Please submit again.'], app));
    const { input, problems } = toRegistrationInput(values, dev.id);
    if (problems.length) return sendPage(res, 400, renderAppForm(csrf(), values, problems, app));
    try {
      const { name, redirectUris, launchUri, jwks, jwksUri, scope, allowedOrigins } = input;
      const before = app.scope;
      const updated = await this.deps.registration.update(clientId, { name, redirectUris, launchUri, jwks, jwksUri, scope, allowedOrigins }, `developer:${dev.id}`);
      const notice = widenedScopes(before, updated.scope).length
        ? 'Your changes were saved. You added scopes: every practice must approve the app again, and its users must authorize it again.'
        : 'Your changes were saved.';
      sendPage(res, 200, renderAppDetail(csrf(), updated, undefined, notice));
    } catch (err) {
      if (!(err instanceof ClientRegistrationError)) throw err;
      sendPage(res, 400, renderAppForm(csrf(), values, err.problems, app));
    }
  }

  @Post('apps/:clientId/rotate')
  async rotate(@Req() req: Request, @Res() res: Response, @Param('clientId') clientId: string): Promise<void> {
    const dev = await this.developer(req);
    if (!dev) return res.redirect(303, '/connect');
    const app = await this.ownApp(dev.id, clientId);
    if (!app || !this.deps.csrf.verify(req, this.scope(dev.id)) || app.authMethod !== 'client_secret_basic') {
      return sendPage(res, 400, renderMessagePage('Could not rotate the secret', 'The form expired or the app has no secret.', 'error', { href: '/connect', label: 'Your apps' }));
    }
    const secret = await this.deps.store.clients.rotateSecret(clientId);
    await this.deps.store.audit.record('client.secret_rotated', { actor: `developer:${dev.id}`, clientId });
    sendPage(res, 200, renderAppDetail(this.deps.csrf.issue(req, res, this.scope(dev.id)), app, secret, 'A new secret was created; the old one no longer works.'));
  }

  @Post('apps/:clientId/delete')
  async remove(@Req() req: Request, @Res() res: Response, @Param('clientId') clientId: string): Promise<void> {
    const dev = await this.developer(req);
    if (!dev) return res.redirect(303, '/connect');
    const app = await this.ownApp(dev.id, clientId);
    if (!app || !this.deps.csrf.verify(req, this.scope(dev.id))) {
      return sendPage(res, 400, renderMessagePage('Could not delete the app', 'The form expired or the app is not yours.', 'error', { href: '/connect', label: 'Your apps' }));
    }
    for (const g of await this.deps.store.grantContexts.listByClient(clientId)) {
      await revokeGrant(this.deps, g.grantId, clientId, g.context.practiceId);
    }
    await this.deps.store.clients.delete(clientId);
    await this.deps.store.audit.record('client.deleted', { actor: `developer:${dev.id}`, clientId });
    const apps = await this.deps.store.clients.listByDeveloper(dev.id);
    sendPage(res, 200, renderAppList(dev.displayName, this.deps.csrf.issue(req, res, this.scope(dev.id)), apps, `“${app.name}” was deleted and its tokens revoked.`));
  }
}
