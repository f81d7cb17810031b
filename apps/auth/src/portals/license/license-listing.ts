import type { FacadeStore, PracticeApprovalRow, RegisteredClient } from '#facade/facade-store';

/** Apps per page of License Management. */
export const LICENSE_PAGE_SIZE = 20;

/** Status filter of License Management. */
export type LicenseStatusFilter = 'all' | 'approved' | 'pending' | 'revoked';

/** What the administrator asked to see (query string of `GET /admin`). */
export interface LicenseQuery {
  q: string;
  status: LicenseStatusFilter;
  page: number;
}

/** Reads the listing query, bounded and defaulted (never throws on bad input). */
export function readLicenseQuery(query: Record<string, unknown>): LicenseQuery {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const status = text(query.status);
  const page = Number.parseInt(text(query.page), 10);
  return {
    q: text(query.q).trim().slice(0, 100),
    status: status === 'approved' || status === 'pending' || status === 'revoked' ? status : 'all',
    page: Number.isSafeInteger(page) && page > 0 ? Math.min(page, 100_000) : 1,
  };
}

/** An app as the clinic vets it: its registration, this practice's decision, and who answers for it. */
export interface LicenseEntry {
  app: RegisteredClient;
  approval?: PracticeApprovalRow;
  developer?: { name: string; email: string };
  contacts: string[];
}

/** One page of the listing. */
export interface LicensePage {
  entries: LicenseEntry[];
  total: number;
  page: number;
  pages: number;
}

function statusOf(e: Pick<LicenseEntry, 'approval'>): Exclude<LicenseStatusFilter, 'all'> {
  if (e.approval?.status === 'approved') return 'approved';
  if (e.approval?.status === 'revoked') return 'revoked';
  return 'pending';
}

/**
 * The apps a practice's License Management page lists. Without a search: only apps this practice decided on or
 * that asked for it (registration `practiceIds`), so anonymous registrations do not clutter every clinic's page.
 * A search (name, client id, developer name or e-mail, contacts) looks at every registered app. Then the status
 * filter, then one page.
 */
export async function licenseListing(store: FacadeStore, practiceId: number, query: LicenseQuery): Promise<LicensePage> {
  const [apps, approvals] = await Promise.all([store.clients.listAll(), store.approvals.listForPractice(practiceId)]);
  const byClient = new Map(approvals.map((a) => [a.clientId, a]));
  const developerIds = [...new Set(apps.map((a) => a.developerAccountId).filter((id): id is string => !!id))];
  const developers = new Map((await Promise.all(developerIds.map((id) => store.developers.find(id)))).filter((d) => d !== undefined).map((d) => [d.id, d]));
  const needle = query.q.toLowerCase();
  const entries = apps.map((app): LicenseEntry => {
    const dev = app.developerAccountId ? developers.get(app.developerAccountId) : undefined;
    const contacts = Array.isArray(app.metadata.contacts) ? (app.metadata.contacts as unknown[]).filter((c): c is string => typeof c === 'string') : [];
    return { app, approval: byClient.get(app.clientId), developer: dev ? { name: dev.displayName, email: dev.email } : undefined, contacts };
  }).filter((e) => {
    if (needle) return [e.app.name, e.app.clientId, e.developer?.name, e.developer?.email, ...e.contacts].some((v) => v?.toLowerCase().includes(needle));
    const asked = Array.isArray(e.app.metadata.practiceIds) && (e.app.metadata.practiceIds as unknown[]).includes(practiceId);
    return e.approval !== undefined || asked;
  }).filter((e) => query.status === 'all' || statusOf(e) === query.status);
  const pages = Math.max(1, Math.ceil(entries.length / LICENSE_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return { entries: entries.slice((page - 1) * LICENSE_PAGE_SIZE, page * LICENSE_PAGE_SIZE), total: entries.length, page, pages };
}
