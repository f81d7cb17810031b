import { Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { RegisteredClient } from '#facade/facade-store';
import type { AuthenticatedAccount } from '../../accounts/account.types.js';
import { EhrLaunchError } from '../../launch/ehr-launch.service.js';
import { SCREENS_DEPS, type ScreensDeps } from '../../web/screens-deps.js';
import { EhrStaffSignIn } from '../ehr-staff-signin.js';
import { field, formOf, portalSessions, sendPage } from '../portal-session.js';
import { renderSimulator } from './simulator.views.js';
import { ScreensExceptionFilter } from '../../web/screens-exception.filter.js';

/**
 * The "EHR simulator": an EHR user picks a patient of their practice and an app approved for that practice; the
 * page creates a single-use, expiring launch context and opens the app's launch URL with `iss` and `launch`.
 */
@UseFilters(ScreensExceptionFilter)
@Controller('ehr-simulator')
export class SimulatorController {
  private readonly staff: EhrStaffSignIn;
  constructor(@Inject(SCREENS_DEPS) private readonly deps: ScreensDeps) {
    this.staff = new EhrStaffSignIn(deps, {
      name: 'ehr', path: '/ehr-simulator', area: 'EHR simulator', heading: 'EHR simulator', session: portalSessions(deps).simulator,
      intro: 'Sign in with an EHR account to launch an app from a patient chart, as the EHR would.',
    });
  }

  private async launchableApps(practiceId: number): Promise<RegisteredClient[]> {
    const approved = new Set((await this.deps.store.approvals.listForPractice(practiceId)).filter((a) => a.status === 'approved').map((a) => a.clientId));
    return (await this.deps.store.clients.listAll()).filter((c) => c.launchUri && !c.backendServices && approved.has(c.clientId));
  }

  private async page(req: Request, res: Response, user: AuthenticatedAccount, status = 200, error?: string): Promise<void> {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 60) : '';
    const patients = q.length >= 2
      ? [...(await this.deps.patients.search(user.practiceId, { mrn: q })), ...(await this.deps.patients.search(user.practiceId, { name: q }))]
      : await this.deps.patients.search(user.practiceId, {});
    const unique = [...new Map(patients.map((p) => [p.patientId, p])).values()].slice(0, 25);
    sendPage(res, status, renderSimulator({ csrf: this.deps.csrf.issue(req, res, this.staff.csrfSubject(user)), userName: user.displayName, query: q, patients: unique, apps: await this.launchableApps(user.practiceId), error }));
  }

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.staff.current(req);
    if (!user) return this.staff.page(req, res, 200);
    await this.page(req, res, user);
  }

  @Post('signin')
  signin(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.staff.signIn(req, res);
  }

  @Post('signout')
  signout(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.staff.signOut(req, res);
  }

  @Post('launch')
  async launch(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.staff.current(req);
    if (!user) return res.redirect(303, '/ehr-simulator');
    const form = formOf(req);
    if (!this.deps.csrf.verify(req, this.staff.csrfSubject(user))) return this.page(req, res, user, 400, 'Your form expired. Please try again.');
    const patient = await this.deps.patients.findInPractice(user.practiceId, Number(field(form, 'patient', 12)));
    const app = (await this.launchableApps(user.practiceId)).find((a) => a.clientId === field(form, 'app', 200));
    if (!patient || !app?.launchUri) return this.page(req, res, user, 400, 'Choose a patient of your practice and an approved app.');
    try {
      const launch = await this.deps.ehrLaunch.create({ clientId: app.clientId, userId: user.userId!, patientId: patient.patientId, needPatientBanner: true }, user.practiceId);
      res.redirect(303, launch.launchUrl);
    } catch (err) {
      if (!(err instanceof EhrLaunchError)) throw err;
      await this.page(req, res, user, 400, `The launch was refused: ${err.problems.join('; ')}`);
    }
  }
}
