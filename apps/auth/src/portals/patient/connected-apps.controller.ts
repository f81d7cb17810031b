import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AuthenticatedAccount } from '../../accounts/account.types.js';
import { LOGIN_REFUSED_MESSAGE, signInPausedMessage } from '../../accounts/login-rules.js';
import type { SmartGrantContext } from '../../contracts.js';
import { buildConsentModel } from '../../interactions/consent-model.js';
import { categoryLabel } from '../../interactions/scope-catalog.js';
import { SCREENS_DEPS, type ScreensDeps } from '../../web/screens-deps.js';
import { revokeGrant } from '../grant-revocation.js';
import { renderPortalSignIn } from '../portal-signin.view.js';
import { field, formOf, portalSessions, sendPage, type PortalSessions } from '../portal-session.js';
import { groupByAppAndPractice, isGrantLive, type AccountGrant } from './connected-app-cards.js';
import { renderConnectedApps, type ConnectedApp } from './connected-apps.views.js';
import { ScreensExceptionFilter } from '../../web/screens-exception.filter.js';

const ANON = 'patient:anon';

/** Plain-language lines for granted scopes (resource types, narrowed categories). */
export function describeAccess(scopes: string[]): string[] {
  const model = buildConsentModel(scopes);
  return [...new Set(model.items.map((i) => {
    const cats = i.parsed.filters?.category;
    return cats ? `${i.label}: ${cats.map((c) => categoryLabel(i.parsed.resourceType, c)).join(', ')}` : i.label;
  }))];
}

/**
 * The patient's "connected apps" page: one card per app and practice over the live grants a portal account gave
 * (its own chart or proxy charts), with what the app can see, and a revoke button that ends every grant of that
 * app there and their tokens.
 */
@UseFilters(ScreensExceptionFilter)
@Controller('portal/patient')
export class ConnectedAppsController {
  private readonly sessions: PortalSessions;
  constructor(@Inject(SCREENS_DEPS) private readonly deps: ScreensDeps) {
    this.sessions = portalSessions(deps);
  }

  private async account(req: Request): Promise<AuthenticatedAccount | undefined> {
    return this.sessions.patient.current(req, (id) => this.deps.accounts.findPortalAccount(Number(id)), (a) => a.credentialStamp);
  }

  /** Grants given by this portal account to apps that still exist, newest first (one indexed query, one per app). */
  private async grants(account: AuthenticatedAccount): Promise<AccountGrant[]> {
    const grants = await this.deps.store.grantContexts.listByAccount(account.accountId);
    const clientIds = [...new Set(grants.map((g) => g.clientId).filter((id): id is string => id !== null))];
    const apps = new Map((await Promise.all(clientIds.map((id) => this.deps.store.clients.find(id)))).filter((a) => a !== undefined).map((a) => [a.clientId, a]));
    const out = [];
    for (const g of grants) {
      const app = g.clientId === null ? undefined : apps.get(g.clientId);
      if (app) out.push({ grantId: g.grantId, clientId: app.clientId, appName: app.name, context: g.context as unknown as SmartGrantContext, createdAt: g.createdAt });
    }
    return out;
  }

  private async page(req: Request, res: Response, account: AuthenticatedAccount, status = 200, notice?: string, error?: string): Promise<void> {
    const charts = await this.deps.patients.portalCharts(account.portalId!, account.ownPatientId!);
    const now = this.deps.now();
    const all = await this.grants(account);
    const live = (await Promise.all(all.map(async (g) => ((await isGrantLive(this.deps.store, g, now)) ? g : undefined)))).filter((g) => g !== undefined);
    const chartName = (patientId: number | undefined) => charts.find((c) => c.patientId === patientId)?.name ?? (patientId ? 'A record you no longer act for' : 'No record');
    const apps: ConnectedApp[] = groupByAppAndPractice(live).map((card) => {
      const scopes = [...new Set(card.grants.flatMap((g) => g.context.grantedScopes))];
      return {
        grantId: card.grants[0].grantId, appName: card.appName,
        chartName: [...new Set(card.grants.map((g) => chartName(g.context.patientId)))].join(', '),
        access: describeAccess(scopes), since: new Date(Math.min(...card.grants.map((g) => g.createdAt))).toISOString().slice(0, 10),
        offline: scopes.includes('offline_access'),
      };
    });
    sendPage(res, status, renderConnectedApps({ csrf: this.deps.csrf.issue(req, res, `patient:${account.portalId}`), userName: account.displayName, apps, notice, error }));
  }

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const account = await this.account(req);
    if (!account) return this.signIn(req, res, 200);
    await this.page(req, res, account);
  }

  private signIn(req: Request, res: Response, status: number, error?: string, loginName?: string): void {
    sendPage(res, status, renderPortalSignIn({
      area: 'Patient portal', navPath: '/portal/patient', heading: 'Your connected apps', action: '/portal/patient/signin',
      intro: 'See which apps can read your health record, and revoke them. Sign in with your patient portal account.',
      csrf: this.deps.csrf.issue(req, res, ANON), error, loginName,
    }));
  }

  @Post('signin')
  async signin(@Req() req: Request, @Res() res: Response): Promise<void> {
    const form = formOf(req);
    const login = field(form, 'login', 60);
    if (!this.deps.csrf.verify(req, ANON)) return this.signIn(req, res, 400, 'Your form expired. Please sign in again.', login);
    const outcome = await this.deps.signIn.signIn('portal', form.login, form.password, req.ip);
    if (!outcome.ok && outcome.throttled) {
      await this.deps.store.audit.record('login.throttled', { detail: { portal: 'patient' } });
      res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
      return this.signIn(req, res, 429, signInPausedMessage(outcome.retryAfterSeconds), login);
    }
    if (!outcome.ok) {
      await this.deps.store.audit.record('login.refused', { detail: { portal: 'patient', reason: outcome.reason, row: outcome.accountRowId ?? null } });
      return this.signIn(req, res, 401, LOGIN_REFUSED_MESSAGE, login);
    }
    await this.sessions.patient.start(req, res, String(outcome.account.portalId), outcome.account.credentialStamp);
    res.redirect(303, '/portal/patient');
  }

  @Post('signout')
  async signout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const s = await this.sessions.patient.read(req);
    if (!s || !this.deps.csrf.verify(req, `patient:${s.subject}`)) return res.redirect(303, '/portal/patient');
    await this.sessions.patient.endEverywhere(res, s.subject);
    res.redirect(303, '/portal/patient');
  }

  /** Revokes the app behind a card: every grant this account gave that app at that practice ends, live or not. */
  @Post('grants/:grantId/revoke')
  async revoke(@Req() req: Request, @Res() res: Response, @Param('grantId') grantId: string): Promise<void> {
    const account = await this.account(req);
    if (!account) return res.redirect(303, '/portal/patient');
    if (!this.deps.csrf.verify(req, `patient:${account.portalId}`)) return this.page(req, res, account, 400, undefined, 'Your form expired. Please try again.');
    const all = await this.grants(account);
    const grant = all.find((g) => g.grantId === grantId);
    if (!grant) return this.page(req, res, account, 404, undefined, 'That app no longer has access.');
    const ended = all.filter((g) => g.clientId === grant.clientId && g.context.practiceId === grant.context.practiceId);
    for (const g of ended) await revokeGrant(this.deps, g.grantId, g.clientId, g.context.practiceId);
    await this.deps.store.audit.record('grant.revoked_by_patient', { actor: account.accountId, clientId: grant.clientId, practiceId: grant.context.practiceId, detail: { grants: ended.length } });
    await this.page(req, res, account, 200, `${grant.appName} can no longer see your record.`);
  }
}
