import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FacadeStore } from '#facade/facade-store';
import type { LegacyPatient, LegacyUsers, LegacyVisit } from '#facade/legacy-db';
import type { AuthConfig } from '../auth-config.js';
import { normalizeBase } from '../oidc/authorization-params.js';
import { AUTH_CONFIG, FACADE_STORE, LEGACY_DATA_SOURCE } from '../tokens.js';

/** What the EHR asks for: launch this app for this user, patient and (optionally) encounter. */
export interface EhrLaunchRequest {
  clientId: string;
  /** USERS.USER_ID of the EHR user launching the app. */
  userId: number;
  patientId: number;
  encounterId?: number;
  needPatientBanner?: boolean;
  smartStyleUrl?: string;
}

/** The EHR's answer: where to send the browser. */
export interface EhrLaunchResult {
  launch: string;
  iss: string;
  launchUrl: string;
  expiresIn: number;
}

/** A launch request that cannot be honoured (400 with the listed problems). */
export class EhrLaunchError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'EhrLaunchError';
  }
}

/**
 * Creates EHR launch contexts (opaque, expiring, single-use) after checking the request against the legacy
 * database (active user, patient of the user's practice, encounter of that patient) and the app's approval.
 */
@Injectable()
export class EhrLaunchService {
  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(FACADE_STORE) private readonly store: FacadeStore,
    @Inject(LEGACY_DATA_SOURCE) private readonly legacy: DataSource,
  ) {}

  /**
   * Validates and stores a launch context; `practiceLimit` restricts it to one practice (backend callers).
   */
  async create(req: EhrLaunchRequest, practiceLimit?: number): Promise<EhrLaunchResult> {
    const problems: string[] = [];
    const client = typeof req.clientId === 'string' ? await this.store.clients.find(req.clientId) : undefined;
    if (!client) problems.push('client_id: unknown app');
    else if (!client.launchUri) problems.push('client_id: the app has no launch URI registered');
    else if (client.backendServices) problems.push('client_id: backend-services apps cannot be launched');
    const user = Number.isInteger(req.userId)
      ? await this.legacy.getRepository<LegacyUsers>('USERS').findOne({ where: { USER_ID: req.userId } })
      : null;
    if (!user || user.ACTIVE_YN !== 'Y' || user.LOCKED_YN === 'Y') problems.push('user: unknown or inactive EHR user');
    const patient = Number.isInteger(req.patientId)
      ? await this.legacy.getRepository<LegacyPatient>('PATIENT').findOne({ where: { PAT_ID: req.patientId } })
      : null;
    if (!patient || (user && patient.PRACTICE_ID !== user.PRACTICE_ID)) problems.push("patient: not a patient of the user's practice");
    else if (patient.MERGED_INTO_PAT_ID) problems.push(`patient: chart was merged into another chart`);
    if (req.encounterId !== undefined) {
      const visit = Number.isInteger(req.encounterId)
        ? await this.legacy.getRepository<LegacyVisit>('VISIT').findOne({ where: { VISIT_ID: req.encounterId } })
        : null;
      if (!visit || visit.PAT_ID !== req.patientId) problems.push("encounter: not an encounter of this patient");
    }
    if (req.smartStyleUrl !== undefined && !/^https?:\/\/\S+$/.test(req.smartStyleUrl)) problems.push('smart_style_url: must be an absolute URL');
    if (user && practiceLimit !== undefined && user.PRACTICE_ID !== practiceLimit) problems.push('user: belongs to another practice than the caller');
    if (client && user && !(await this.store.approvals.findActive(client.clientId, user.PRACTICE_ID))) problems.push('client_id: the app is not approved by this practice');
    if (problems.length || !client || !user || !patient) throw new EhrLaunchError(problems);

    // The launching EHR user reaches the provider API.
    const iss = normalizeBase(this.config.fhirBases.provider);
    const ttl = this.config.auth.launchContextTtl;
    const row = await this.store.launches.create({
      clientId: client.clientId, accountId: `user:${user.USER_ID}`, practiceId: user.PRACTICE_ID, patientId: patient.PAT_ID,
      encounterId: req.encounterId ?? null, needPatientBanner: req.needPatientBanner ?? true,
      smartStyleUrl: req.smartStyleUrl ?? `${this.config.authPublicUrl}/smart-style.json`, audience: iss,
    }, ttl);
    await this.store.audit.record('ehr_launch.created', { actor: `user:${user.USER_ID}`, clientId: client.clientId, practiceId: user.PRACTICE_ID });
    const url = new URL(client.launchUri as string);
    url.searchParams.set('iss', iss);
    url.searchParams.set('launch', row.id);
    return { launch: row.id, iss, launchUrl: url.toString(), expiresIn: ttl };
  }
}
