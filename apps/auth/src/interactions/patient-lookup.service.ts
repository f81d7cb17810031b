import { Brackets, type DataSource, type SelectQueryBuilder } from 'typeorm';
import type { LegacyPatient } from '#facade/legacy-db';
import { epochToWallClock } from '#facade/time';
import type { PatientChoice } from './views/picker.view.js';

/** Search criteria of the provider's patient picker. */
export interface PatientQuery {
  name?: string;
  birthDate?: string;
  mrn?: string;
}

const RELATION_LABELS: Record<string, string> = {
  MTH: 'Mother', FTH: 'Father', SPS: 'Spouse', DOMP: 'Domestic partner', CHILD: 'Child', SIB: 'Sibling',
  GRD: 'Legal guardian', EMC: 'Emergency contact', FRND: 'Friend', OTH: 'Authorized representative',
};
const SEX_LABELS: Record<string, string> = { M: 'Male', F: 'Female', U: 'Unknown', O: 'Other' };

/** Picker results are capped; people refine the search instead of scrolling. */
export const PICKER_LIMIT = 25;

function likePrefix(value: string): string {
  return `${value.toUpperCase().replace(/[\\%_[]/g, (c) => `\\${c}`)}%`;
}

function toChoice(p: LegacyPatient, relation?: string): PatientChoice {
  return {
    patientId: p.PAT_ID,
    name: [p.FIRST_NAME, p.MIDDLE_NAME, p.LAST_NAME, p.NAME_SUFFIX].filter(Boolean).join(' '),
    birthDate: p.DOB,
    mrn: p.MRN,
    sex: SEX_LABELS[p.SEX] ?? undefined,
    relation,
    inactive: p.INACTIVE_YN === 'Y',
  };
}

/** Validates picker input; returns an error message for people, or the cleaned query. */
export function validatePatientQuery(q: Record<string, unknown>): { query: PatientQuery; error?: string; empty: boolean } {
  const str = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
  const query: PatientQuery = { name: str(q.name, 60) || undefined, birthDate: str(q.birthDate, 10) || undefined, mrn: str(q.mrn, 20) || undefined };
  const empty = !query.name && !query.birthDate && !query.mrn;
  if (query.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(query.birthDate)) return { query, empty, error: 'Enter the date of birth as YYYY-MM-DD.' };
  if (query.name && query.name.replace(/[\s,]/g, '').length < 2) return { query, empty, error: 'Enter at least two letters of the name.' };
  return { query, empty };
}

/**
 * Reads the charts the screens may offer: a practice's patients for the provider picker (never another
 * practice's), and a portal account's own chart plus the charts PORTAL_PROXY lets it act for today.
 * Merged-away duplicates (MERGED_INTO_PAT_ID set) are never offered.
 */
export class PatientLookupService {
  constructor(
    private readonly ds: DataSource,
    private readonly timeZone: string,
    private readonly now: () => number = Date.now,
  ) {}

  private base(): SelectQueryBuilder<LegacyPatient> {
    return this.ds.getRepository<LegacyPatient>('PATIENT').createQueryBuilder('p').where('p.MERGED_INTO_PAT_ID IS NULL');
  }

  /** Patients of `practiceId` matching every given criterion (name prefix "last, first" or words, DOB, MRN). */
  async search(practiceId: number, q: PatientQuery): Promise<PatientChoice[]> {
    const qb = this.base().andWhere('p.PRACTICE_ID = :practiceId', { practiceId });
    if (q.mrn) qb.andWhere('UPPER(p.MRN) = :mrn', { mrn: q.mrn.toUpperCase() });
    if (q.birthDate) qb.andWhere('p.DOB = :dob', { dob: q.birthDate });
    if (q.name) {
      const [a, b] = q.name.includes(',') ? q.name.split(',').map((s) => s.trim()) : q.name.split(/\s+/);
      const comma = q.name.includes(',');
      if (a && b) {
        qb.andWhere(new Brackets((w) => {
          w.where("UPPER(p.LAST_NAME) LIKE :n1 ESCAPE '\\' AND UPPER(p.FIRST_NAME) LIKE :n2 ESCAPE '\\'", { n1: likePrefix(a), n2: likePrefix(b) });
          if (!comma) w.orWhere("UPPER(p.FIRST_NAME) LIKE :n1 ESCAPE '\\' AND UPPER(p.LAST_NAME) LIKE :n2 ESCAPE '\\'");
        }));
      } else if (a) {
        qb.andWhere("(UPPER(p.LAST_NAME) LIKE :n ESCAPE '\\' OR UPPER(p.FIRST_NAME) LIKE :n ESCAPE '\\')", { n: likePrefix(a) });
      }
    }
    const rows = await qb.orderBy('p.LAST_NAME').addOrderBy('p.FIRST_NAME').addOrderBy('p.PAT_ID').limit(PICKER_LIMIT).getMany();
    return rows.map((r) => toChoice(r));
  }

  /** One patient of `practiceId`, or undefined (wrong practice, merged away, unknown). */
  async findInPractice(practiceId: number, patientId: number): Promise<PatientChoice | undefined> {
    const row = await this.base().andWhere('p.PRACTICE_ID = :practiceId AND p.PAT_ID = :patientId', { practiceId, patientId }).getOne();
    return row ? toChoice(row) : undefined;
  }

  /** Today's date in the clinic's zone (PORTAL_PROXY dates are clinic calendar dates). */
  private today(): string {
    return epochToWallClock(Math.floor(this.now() / 1000) * 1000, this.timeZone).slice(0, 10);
  }

  /** The portal account's own chart first, then every chart a currently valid PORTAL_PROXY row covers. */
  async portalCharts(portalId: number, ownPatientId: number): Promise<PatientChoice[]> {
    const own = await this.base().andWhere('p.PAT_ID = :id', { id: ownPatientId }).getOne();
    const today = this.today();
    const proxies: { PAT_ID: number; RELATION_CODE: string }[] = await this.ds
      .createQueryBuilder()
      .select(['x.PAT_ID AS "PAT_ID"', 'x.RELATION_CODE AS "RELATION_CODE"'])
      .from('PORTAL_PROXY', 'x')
      .where('x.PORTAL_ID = :portalId', { portalId })
      .andWhere('x.START_DATE <= :today', { today })
      .andWhere('(x.END_DATE IS NULL OR x.END_DATE >= :today)', { today })
      .getRawMany();
    const ids = proxies.map((p) => Number(p.PAT_ID)).filter((id) => id !== ownPatientId);
    const others = ids.length ? await this.base().andWhere('p.PAT_ID IN (:...ids)', { ids }).orderBy('p.PAT_ID').getMany() : [];
    const relation = new Map(proxies.map((p) => [Number(p.PAT_ID), p.RELATION_CODE]));
    return [
      ...(own ? [toChoice(own, 'Your own record')] : []),
      ...others.map((p) => toChoice(p, `Proxy access · as ${(RELATION_LABELS[relation.get(p.PAT_ID) ?? 'OTH'] ?? 'authorized representative').toLowerCase()}`)),
    ];
  }

  /** A chart the portal account may open today, with its practice, or undefined. */
  async portalChart(portalId: number, ownPatientId: number, patientId: number): Promise<(PatientChoice & { practiceId: number }) | undefined> {
    const charts = await this.portalCharts(portalId, ownPatientId);
    const chart = charts.find((c) => c.patientId === patientId);
    if (!chart) return undefined;
    const row = await this.base().andWhere('p.PAT_ID = :id', { id: patientId }).getOne();
    return row ? { ...chart, practiceId: row.PRACTICE_ID } : undefined;
  }
}
