import type { ConditionDef } from '../content/conditions.js';
import type { PatientContext, ProviderRef } from '../context.js';

/** A visit as the other generators need it. */
export interface VisitInfo {
  id: number;
  day: number;
  start: string;
  end: string | null;
  type: string;
  status: string;
  provider: ProviderRef;
  facilityId: number | null;
  /** Conditions addressed at this visit (encounter diagnoses). */
  diagnoses: ConditionDef[];
  deleted: boolean;
}

/** What the generators know about the patient being written. */
export interface Chart {
  ctx: PatientContext;
  firstName: string;
  lastName: string;
  sex: 'M' | 'F' | 'U' | 'O';
  /** Sex used for clinical plausibility (pregnancy, procedures). */
  bioSex: 'M' | 'F';
  birthDay: number;
  /** Last day with activity: today, or the day of death. */
  lastDay: number;
  /** First day of the chart's history in this EHR. */
  firstDay: number;
  /** Deceased: `at` is DECEASED_DATE (NULL when only the fact is known). */
  deceased: { at: string | null } | null;
  /** A merged duplicate chart: almost no clinical data. */
  merged: boolean;
  inactive: boolean;
  pcp: ProviderRef;
  chronic: { def: ConditionDef; onsetDay: number; problemId: number }[];
  visits: VisitInfo[];
  contacts: { id: number; relation: string; name: string }[];
  /** Fixed wall-clock times inside the America/New_York DST transitions that this chart must contain. */
  dstVisit: string | null;
}

/** Age in years on `day`. */
export function ageAt(chart: Chart, day: number): number {
  return Math.floor((day - chart.birthDay) / 365.25);
}

/** Providers of the patient's practice of one kind (falls back to any provider of the practice). */
export function providersOf(chart: Chart, kind: ProviderRef['kind']): ProviderRef[] {
  const all = chart.ctx.ref.providers.filter((p) => p.practiceId === chart.ctx.practiceId);
  const matching = all.filter((p) => p.kind === kind);
  return matching.length ? matching : all;
}

/** Done (or in-progress) visits with clinical content, in date order. */
export function clinicalVisits(chart: Chart): VisitInfo[] {
  return chart.visits.filter((v) => v.status === 'DONE' || v.status === 'INPR' || v.status === 'ARR');
}
