import { timingSafeEqual } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthConfig } from '../auth-config.js';
import type { OidcRuntime } from '../oidc/provider-factory.js';
import { AUTH_CONFIG, OIDC_RUNTIME } from '../tokens.js';
import { EhrLaunchError, EhrLaunchService, type EhrLaunchRequest } from './ehr-launch.service.js';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const int = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : NaN);

/**
 * `POST /ehr-launch`: the EHR creates a launch context and receives the app launch URL (`iss` + `launch`).
 * Authenticated by `Authorization: Bearer <EHR_LAUNCH_SECRET>`, or by an access token of an approved
 * backend-services app with a `system/` scope (then limited to that app's practice).
 */
@Controller('ehr-launch')
export class EhrLaunchController {
  constructor(
    private readonly launches: EhrLaunchService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(OIDC_RUNTIME) private readonly rt: OidcRuntime,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Headers('authorization') authorization: string | undefined, @Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    res.set('Cache-Control', 'no-store');
    const caller = await this.caller(authorization);
    if (!caller) {
      res.status(401).set('WWW-Authenticate', 'Bearer');
      return { error: 'invalid_token', error_description: 'present the EHR launch secret or a backend-services access token' };
    }
    const b = body ?? {};
    const req: EhrLaunchRequest = {
      clientId: String(b.client_id ?? ''), userId: int(b.user_id), patientId: int(b.patient_id),
      encounterId: b.encounter_id === undefined || b.encounter_id === '' ? undefined : int(b.encounter_id),
      needPatientBanner: b.need_patient_banner === undefined ? undefined : b.need_patient_banner === true || b.need_patient_banner === 'true',
      smartStyleUrl: typeof b.smart_style_url === 'string' ? b.smart_style_url : undefined,
    };
    try {
      const out = await this.launches.create(req, caller.practice);
      return { launch: out.launch, iss: out.iss, launch_url: out.launchUrl, expires_in: out.expiresIn };
    } catch (err) {
      if (!(err instanceof EhrLaunchError)) throw err;
      res.status(400);
      return { error: 'invalid_request', error_description: err.message, problems: err.problems };
    }
  }

  private async caller(authorization: string | undefined): Promise<{ practice?: number } | undefined> {
    if (!authorization || !/^bearer /i.test(authorization)) return undefined;
    const presented = authorization.slice(7).trim();
    const secret = this.config.auth.ehrLaunchSecret;
    if (secret && sameSecret(presented, secret)) return {};
    const at = await this.rt.verifier.verify(presented);
    if (!at || !at.scope.split(' ').some((s) => s.startsWith('system/')) || typeof at.practice !== 'number') return undefined;
    return { practice: at.practice };
  }
}
