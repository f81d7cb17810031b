import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { LegacyPractice } from '#facade/legacy-db';
import type { AuthenticatedAccount } from '../../accounts/account.types.js';
import { SCREENS_DEPS, type ScreensDeps } from '../../web/screens-deps.js';
import { refreshLifetimeProblem } from '../../registration/token-lifetimes.js';
import type { EhrStaffSignIn } from '../ehr-staff-signin.js';
import { adminSignIn } from './admin-signin.js';
import { field, formOf, sendPage } from '../portal-session.js';
import { licenseListing, readLicenseQuery } from './license-listing.js';
import { renderLicensePage } from './license.views.js';
import { saveAppLimits } from './app-limits.form.js';
import { renderExportsPage } from './exports.views.js';
import { ScreensExceptionFilter } from '../../web/screens-exception.filter.js';

/** Parses the lifetime inputs: blank = server default (null); out of range = an error message. */
export function parseLifetimes(form: Record<string, unknown>): { accessTokenTtl: number | null; refreshTokenTtl: number | null } | string {
  const at = field(form, 'accessTokenTtl', 10);
  const rt = field(form, 'refreshTokenDays', 10);
  const atN = at === '' ? null : Number(at);
  const rtN = rt === '' ? null : Number(rt);
  if (atN !== null && (!Number.isInteger(atN) || atN < 60 || atN > 3600)) return 'The access token lifetime must be a whole number of seconds between 60 and 3600.';
  if (rtN !== null && (!Number.isInteger(rtN) || rtN < 1 || rtN > 3650)) return 'The refresh token lifetime must be a whole number of days between 1 and 3650.';
  return { accessTokenTtl: atN, refreshTokenTtl: rtN === null ? null : rtN * 86400 };
}

/**
 * The clinic "License Management portal": a practice administrator (USERS.ROLE_CODE = ADMIN) approves or revokes
 * apps for their own practice and sets per-app token lifetimes. Lists the apps this practice decided on or that
 * asked for it, or a search over every app; filter by status; 20 per page (license-listing.ts).
 */
@UseFilters(ScreensExceptionFilter)
@Controller('admin')
export class LicenseController {
  private readonly staff: EhrStaffSignIn;
  constructor(@Inject(SCREENS_DEPS) private readonly deps: ScreensDeps) {
    this.staff = adminSignIn(deps);
  }

  private async page(req: Request, res: Response, admin: AuthenticatedAccount, status = 200, notice?: string, error?: string): Promise<void> {
    const query = readLicenseQuery(req.method === 'GET' ? (req.query as Record<string, unknown>) : {});
    const [listing, practice] = await Promise.all([
      licenseListing(this.deps.store, admin.practiceId, query),
      this.deps.legacy.getRepository<LegacyPractice>('PRACTICE').findOne({ where: { PRACTICE_ID: admin.practiceId } }),
    ]);
    const rows = await Promise.all(listing.entries.map(async (e) => ({
      ...e,
      connections: (await this.deps.store.grantContexts.listByClient(e.app.clientId, admin.practiceId)).length,
      limits: await this.deps.store.appLimits.find(e.app.clientId, admin.practiceId),
    })));
    sendPage(res, status, renderLicensePage({
      csrf: this.deps.csrf.issue(req, res, this.staff.csrfSubject(admin)), userName: admin.displayName,
      practiceName: practice?.PRACTICE_NAME ?? `Practice ${admin.practiceId}`, rows, notice, error,
      query, total: listing.total, page: listing.page, pages: listing.pages, limitDefaults: this.deps.config.protection.rateLimits.app,
    }));
  }

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const admin = await this.staff.current(req);
    if (!admin) return this.staff.page(req, res, 200);
    await this.page(req, res, admin);
  }

  /** The practice's Bulk Data exports (the FHIR API's job table in the facade store). */
  @Get('exports')
  async exports(@Req() req: Request, @Res() res: Response): Promise<void> {
    const admin = await this.staff.current(req);
    if (!admin) return res.redirect(303, '/admin');
    await this.exportsPage(req, res, admin);
  }

  @Post('exports/:id/cancel')
  async cancelExport(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const admin = await this.staff.current(req);
    if (!admin) return res.redirect(303, '/admin');
    if (!this.deps.csrf.verify(req, this.staff.csrfSubject(admin))) return this.exportsPage(req, res, admin, 400, undefined, 'Your form expired. Please try again.');
    const row = await this.deps.store.bulkExports.get(id);
    // Another practice's export does not exist for this administrator.
    if (!row || row.practiceId !== admin.practiceId || !(await this.deps.store.bulkExports.cancel(id))) return this.exportsPage(req, res, admin, 404, undefined, 'That export does not exist.');
    await this.deps.store.audit.record('bulk_export.cancelled', { actor: admin.accountId, clientId: row.clientId, practiceId: admin.practiceId, detail: { exportId: id } });
    return this.exportsPage(req, res, admin, 200, 'The export was cancelled; its files will be deleted.');
  }

  private async exportsPage(req: Request, res: Response, admin: AuthenticatedAccount, status = 200, notice?: string, error?: string): Promise<void> {
    const [rows, practice] = await Promise.all([
      this.deps.store.bulkExports.listByPractice(admin.practiceId),
      this.deps.legacy.getRepository<LegacyPractice>('PRACTICE').findOne({ where: { PRACTICE_ID: admin.practiceId } }),
    ]);
    const named = await Promise.all(rows.map(async (row) => ({ row, appName: (await this.deps.store.clients.find(row.clientId))?.name })));
    sendPage(res, status, renderExportsPage({
      csrf: this.deps.csrf.issue(req, res, this.staff.csrfSubject(admin)), userName: admin.displayName,
      practiceName: practice?.PRACTICE_NAME ?? `Practice ${admin.practiceId}`, rows: named, notice, error,
    }));
  }

  @Post('signin')
  signin(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.staff.signIn(req, res);
  }

  @Post('signout')
  signout(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.staff.signOut(req, res);
  }

  @Post('apps/:clientId/:action')
  async decide(@Req() req: Request, @Res() res: Response, @Param('clientId') clientId: string, @Param('action') action: string): Promise<void> {
    const admin = await this.staff.current(req);
    if (!admin) return res.redirect(303, '/admin');
    if (!this.deps.csrf.verify(req, this.staff.csrfSubject(admin))) return this.page(req, res, admin, 400, undefined, 'Your form expired. Please try again.');
    const app = await this.deps.store.clients.find(clientId);
    if (!app || !['approve', 'revoke', 'lifetimes', 'limits'].includes(action)) return this.page(req, res, admin, 404, undefined, 'That app does not exist.');
    const actor = admin.accountId;
    if (action === 'revoke') {
      await this.deps.store.approvals.revoke(clientId, admin.practiceId, actor);
      await this.deps.store.audit.record('approval.revoked', { actor, clientId, practiceId: admin.practiceId });
      return this.page(req, res, admin, 200, `“${app.name}” can no longer connect to your practice; its tokens were revoked.`);
    }
    if (action === 'limits') {
      const saved = await saveAppLimits(this.deps.store, admin.practiceId, actor, app, formOf(req));
      return 'error' in saved ? this.page(req, res, admin, 400, undefined, saved.error) : this.page(req, res, admin, 200, saved.notice);
    }
    const lifetimes = parseLifetimes(formOf(req));
    if (typeof lifetimes === 'string') return this.page(req, res, admin, 400, undefined, lifetimes);
    const refreshProblem = refreshLifetimeProblem(app, lifetimes.refreshTokenTtl);
    if (refreshProblem) return this.page(req, res, admin, 400, undefined, refreshProblem);
    if (action === 'approve') {
      await this.deps.store.approvals.approve(clientId, admin.practiceId, actor);
      await this.deps.store.approvals.setLifetimes(clientId, admin.practiceId, lifetimes);
      await this.deps.store.audit.record('approval.granted', { actor, clientId, practiceId: admin.practiceId });
      return this.page(req, res, admin, 200, `“${app.name}” is approved for your practice.`);
    }
    if (!(await this.deps.store.approvals.findActive(clientId, admin.practiceId))) return this.page(req, res, admin, 400, undefined, 'Approve the app first.');
    await this.deps.store.approvals.setLifetimes(clientId, admin.practiceId, lifetimes);
    await this.deps.store.audit.record('approval.lifetimes', { actor, clientId, practiceId: admin.practiceId, detail: lifetimes });
    return this.page(req, res, admin, 200, `Token lifetimes of “${app.name}” were saved.`);
  }
}
