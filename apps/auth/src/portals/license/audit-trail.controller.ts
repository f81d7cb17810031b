/**
 * `/admin/audit`: the clinic administrator's view of the PHI access trail (issue 12), per patient, app, user and
 * day range, 50 rows a page, and `/admin/audit.csv` (the same filters, at most 50,000 rows). Always confined to
 * the signed-in administrator's practice; each view and export is noted in the facade's small audit (filter
 * names only, no patient ids).
 */
import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { LegacyPractice } from '#facade/legacy-db';
import { SCREENS_DEPS, type ScreensDeps } from '../../web/screens-deps.js';
import { ScreensExceptionFilter } from '../../web/screens-exception.filter.js';
import type { EhrStaffSignIn } from '../ehr-staff-signin.js';
import { sendPage } from '../portal-session.js';
import { adminSignIn } from './admin-signin.js';
import { AUDIT_CSV_HEADER, auditCsvLine } from './audit-trail-csv.js';
import { auditQueryOf, readAuditFilters, type AuditTrailFilters } from './audit-trail-query.js';
import { renderAuditTrailPage } from './audit-trail.views.js';

const PAGE_ROWS = 50;
const CSV_MAX_ROWS = 50_000;

const usedFilters = (f: AuditTrailFilters) => (['patient', 'app', 'user', 'from', 'to'] as const).filter((k) => f[k]);

@UseFilters(ScreensExceptionFilter)
@Controller('admin')
export class AuditTrailController {
  private readonly staff: EhrStaffSignIn;
  constructor(@Inject(SCREENS_DEPS) private readonly deps: ScreensDeps) {
    this.staff = adminSignIn(deps);
  }

  @Get('audit')
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    const admin = await this.staff.current(req);
    if (!admin) return res.redirect(303, '/admin');
    const { filters, problems } = readAuditFilters(req.query as Record<string, unknown>);
    const [rows, practice] = await Promise.all([
      this.deps.store.phiAudit.search(auditQueryOf(filters, admin.practiceId, PAGE_ROWS)),
      this.deps.legacy.getRepository<LegacyPractice>('PRACTICE').findOne({ where: { PRACTICE_ID: admin.practiceId } }),
    ]);
    const page = rows.slice(0, PAGE_ROWS);
    await this.deps.store.audit.record('phi_audit.viewed', { actor: admin.accountId, practiceId: admin.practiceId, detail: { filters: usedFilters(filters) } });
    sendPage(res, 200, renderAuditTrailPage({
      csrf: this.deps.csrf.issue(req, res, this.staff.csrfSubject(admin)), userName: admin.displayName,
      practiceName: practice?.PRACTICE_NAME ?? `Practice ${admin.practiceId}`, rows: page, filters, problems,
      nextBefore: rows.length > PAGE_ROWS ? page[page.length - 1].seq : undefined,
    }));
  }

  @Get('audit.csv')
  async csv(@Req() req: Request, @Res() res: Response): Promise<void> {
    const admin = await this.staff.current(req);
    if (!admin) {
      res.status(401).type('text/plain').setHeader('Cache-Control', 'no-store').send('Sign in to the License Management portal first.');
      return;
    }
    const { filters } = readAuditFilters(req.query as Record<string, unknown>);
    res.status(200).type('text/csv; charset=utf-8').setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="audit-trail-practice-${admin.practiceId}.csv"`);
    res.write(AUDIT_CSV_HEADER);
    let before = filters.before;
    let written = 0;
    while (written < CSV_MAX_ROWS) {
      const rows = await this.deps.store.phiAudit.search(auditQueryOf({ ...filters, before }, admin.practiceId, 1000));
      const page = rows.slice(0, Math.min(1000, CSV_MAX_ROWS - written));
      res.write(page.map(auditCsvLine).join(''));
      written += page.length;
      if (rows.length <= 1000 || page.length === 0) break;
      before = page[page.length - 1].seq;
    }
    await this.deps.store.audit.record('phi_audit.exported', { actor: admin.accountId, practiceId: admin.practiceId, detail: { filters: usedFilters(filters), rows: written } });
    res.end();
  }
}
