import type * as L from '#facade/legacy-db/src/entities/index.js';
import { Coverage, Rng } from './random.js';
import { addMinutes, DEMO_TODAY, wallClock } from './time.js';

/** Row type of every legacy table, by table name. */
export interface TableRows {
  PRACTICE: L.LegacyPractice;
  FACILITY: L.LegacyFacility;
  PROVIDER: L.LegacyProvider;
  USERS: L.LegacyUsers;
  PATIENT: L.LegacyPatient;
  PATIENT_RACE: L.LegacyPatientRace;
  PAT_CONTACT: L.LegacyPatContact;
  PORTAL_ACCOUNT: L.LegacyPortalAccount;
  PORTAL_PROXY: L.LegacyPortalProxy;
  PAYER: L.LegacyPayer;
  PAT_INSURANCE: L.LegacyPatInsurance;
  VISIT: L.LegacyVisit;
  PROBLEM: L.LegacyProblem;
  ALLERGY: L.LegacyAllergy;
  MEDICATION: L.LegacyMedication;
  RX_FILL: L.LegacyRxFill;
  IMMUNIZATION: L.LegacyImmunization;
  VITALS: L.LegacyVitals;
  LAB_ORDER: L.LegacyLabOrder;
  LAB_RESULT: L.LegacyLabResult;
  SOCIAL_HX: L.LegacySocialHx;
  SCREENING: L.LegacyScreening;
  SCREENING_ANSWER: L.LegacyScreeningAnswer;
  PROCEDURES: L.LegacyProcedures;
  REFERRAL: L.LegacyReferral;
  CLINICAL_NOTE: L.LegacyClinicalNote;
  DOCUMENT: L.LegacyDocument;
  CARE_PLAN: L.LegacyCarePlan;
  GOAL: L.LegacyGoal;
  CARE_TEAM_MEMBER: L.LegacyCareTeamMember;
  IMPLANT: L.LegacyImplant;
}
export type TableName = keyof TableRows;

/** Kinds of providers the reference data holds (used to staff care teams, orders and visits). */
export type ProviderKind = 'PCP' | 'PEDS' | 'SPEC' | 'ER' | 'NURSE' | 'PHARM' | 'SW' | 'CM' | 'RAD' | 'PT';

export interface ProviderRef {
  id: number;
  practiceId: number;
  facilityId: number;
  kind: ProviderKind;
  specialty: string;
}

export interface FacilityRef {
  id: number;
  practiceId: number;
  type: string;
  name: string;
}

/** Reference data generated before the patients (organisations, staff, payers). */
export interface ReferenceData {
  practiceIds: number[];
  facilities: FacilityRef[];
  providers: ProviderRef[];
  /** Active clinical users (nurses, providers) per practice, for CREATED_BY / UPDATED_BY. */
  clinicalUsers: Map<number, number[]>;
  payers: { id: number; type: string | null; name: string }[];
}

/** Counters of assigned primary keys (the generator assigns every id itself). */
export class IdAllocator {
  private readonly last = new Map<string, number>();
  next(table: TableName): number {
    const id = (this.last.get(table) ?? 0) + 1;
    this.last.set(table, id);
    return id;
  }
}

/** Sink for generated rows. */
export type Emit = <T extends TableName>(table: T, row: TableRows[T]) => void;

/** Shared state of one generation run. */
export interface RunContext {
  seed: number;
  ids: IdAllocator;
  cover: Coverage;
  emit: Emit;
  ref: ReferenceData;
}

/** The per-patient view: its own random stream, its practice, its index in the run. */
export interface PatientContext extends RunContext {
  rng: Rng;
  index: number;
  patId: number;
  practiceId: number;
  /** Clinical users of the patient's practice, for CREATED_BY / UPDATED_BY. */
  users: number[];
}

/** The audit columns shared by clinical tables. */
export interface AuditColumns {
  DELETED_YN: string;
  CREATED_AT: string;
  CREATED_BY: number | null;
  UPDATED_AT: string;
  UPDATED_BY: number | null;
  ROW_VER: number;
}

const TODAY_END = wallClock(DEMO_TODAY, 18 * 60);

/**
 * Audit columns for a row first written at `createdAt`: usually by a clinical user of the practice (sometimes
 * NULL = interface), sometimes edited later (ROW_VER > 1, UPDATED_AT after CREATED_AT). `deleted` marks the
 * row deleted in the EHR (which is itself an update); edits happen after `after` (e.g. the end of a visit).
 */
export function audit(ctx: PatientContext, createdAt: string, opts: { deleted?: boolean; edits?: number; after?: string } = {}): AuditColumns {
  const { rng } = ctx;
  const by = rng.chance(0.08) ? null : rng.pick(ctx.users);
  let version = 1 + (opts.edits ?? (rng.chance(0.12) ? rng.int(1, 2) : 0));
  if (opts.deleted) version++;
  let updatedAt = createdAt;
  if (version > 1) {
    const base = opts.after && opts.after > createdAt ? opts.after : createdAt;
    updatedAt = addMinutes(base, rng.int(5, 60 * 24 * 20));
    if (updatedAt > TODAY_END && createdAt <= TODAY_END) updatedAt = TODAY_END;
    if (updatedAt < createdAt) updatedAt = createdAt;
  }
  return {
    DELETED_YN: opts.deleted ? 'Y' : 'N',
    CREATED_AT: createdAt,
    CREATED_BY: by,
    UPDATED_AT: updatedAt,
    UPDATED_BY: version > 1 ? rng.pick(ctx.users) : by,
    ROW_VER: version,
  };
}

/**
 * Whether the next row of `table` is written as deleted (DELETED_YN = 'Y'): rarely at random, and always for
 * the first such row of a table in the run's designated "awkward" patients, so every table has deleted rows.
 */
export function shouldDelete(ctx: PatientContext, table: TableName): boolean {
  if (ctx.index % 50 === 8 && ctx.cover.missing(`DELETED:${ctx.index}`, table)) {
    ctx.cover.note(`DELETED:${ctx.index}`, table);
    return true;
  }
  return ctx.index >= 3 && ctx.rng.chance(0.012);
}
