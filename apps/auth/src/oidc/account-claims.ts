import type { DataSource } from 'typeorm';
import type { LegacyPatient, LegacyPortalAccount, LegacyUsers } from '#facade/legacy-db';

/** The `profile` claims of an account id (`user:<USER_ID>` or `portal:<PORTAL_ID>`), read from the EHR tables. */
export async function profileClaims(legacy: DataSource, accountId: string): Promise<{ name?: string; given_name?: string; family_name?: string }> {
  const m = /^(user|portal):(\d{1,10})$/.exec(accountId);
  if (!m) return {};
  const id = Number(m[2]);
  if (m[1] === 'user') {
    const user = await legacy.getRepository<LegacyUsers>('USERS').findOne({ where: { USER_ID: id } });
    return user ? { name: user.FULL_NAME } : {};
  }
  const account = await legacy.getRepository<LegacyPortalAccount>('PORTAL_ACCOUNT').findOne({ where: { PORTAL_ID: id } });
  if (!account) return {};
  const p = await legacy.getRepository<LegacyPatient>('PATIENT').findOne({ where: { PAT_ID: account.PAT_ID } });
  if (!p) return {};
  const given = p.FIRST_NAME ?? '';
  const family = p.LAST_NAME ?? '';
  return { name: `${given} ${family}`.trim(), given_name: given || undefined, family_name: family || undefined };
}
