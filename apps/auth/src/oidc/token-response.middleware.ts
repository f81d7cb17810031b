import type { KoaContextWithOIDC } from 'oidc-provider';
import type { SmartContextLookup } from './smart-context.js';

/**
 * Adds the SMART launch context to successful token responses (oidc-provider has no hook for top-level token
 * response fields): `patient`, `encounter`, `need_patient_banner`, `smart_style_url`, and the no-cache headers.
 * https://hl7.org/fhir/smart-app-launch/STU2.2/app-launch.html#response-5
 */
export function smartTokenResponse(lookup: SmartContextLookup) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> => {
    await next();
    if (ctx.oidc?.route !== 'token') return;
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Pragma', 'no-cache');
    const body = ctx.body as Record<string, unknown> | undefined;
    if (ctx.status !== 200 || !body || typeof body.access_token !== 'string') return;
    const grantId = ctx.oidc.entities.AccessToken?.grantId;
    if (!grantId) return;
    const context = await lookup.context(ctx, grantId);
    if (!context) return;
    if (context.patientId !== undefined) body.patient = String(context.patientId);
    if (context.encounterId !== undefined) body.encounter = String(context.encounterId);
    body.need_patient_banner = context.needPatientBanner;
    if (context.smartStyleUrl) body.smart_style_url = context.smartStyleUrl;
  };
}
