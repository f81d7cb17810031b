import { DEMO_PATIENT_IDS } from '../credentials.js';

/** Household role of a patient index: who holds a portal account, who is covered by a proxy. */
export interface PatientPlan {
  demo: 'parent' | 'child' | 'patient' | null;
  /** Age band to draw from. */
  ageBand: 'infant' | 'child' | 'adult' | 'elderly' | 'any';
  /** Holds a portal account. */
  portal: boolean;
  /** A proxy (the portal account of the previous patient index) covers this chart, with these relation choices. */
  proxyRelations: string[] | null;
  /** Shares the previous patient's practice, last name and address (household). */
  household: boolean;
  deceased: 'with-date' | 'without-date' | null;
  inactive: boolean;
  /** Duplicate chart merged into the previous patient's chart (same person). */
  mergedIntoPrevious: boolean;
  /** A visit at this wall-clock time (inside a DST transition of America/New_York). */
  dstVisit: string | null;
  /** Every nullable column NULL (a chart converted by an interface with only the mandatory data). */
  sparse: boolean;
}

/**
 * Charts that must have rows in every clinical table: index 8 of every 50 has one deleted row in each table,
 * index 28 is the sparse chart (every nullable column NULL).
 */
export function fillsEveryTable(index: number): boolean {
  return index % 50 === 8 || index % 50 === 28;
}

/**
 * The deterministic role of patient `index`, in blocks of ten: a parent with a portal account and their child
 * (proxy MTH/FTH/GRD), two adults whose portal accounts act for an elderly relative (CHILD, SPS, DOMP, ...),
 * and free patients; every 50 patients also a deceased chart with and one without a date, an inactive chart,
 * a duplicate chart merged into its original, a sparse chart (every nullable column NULL), a chart with deleted
 * rows in every table, and visits at 2024-03-10 02:30 / 2024-11-03 01:30.
 */
export function planFor(index: number): PatientPlan {
  const base: PatientPlan = {
    demo: null, ageBand: 'any', portal: false, proxyRelations: null, household: false, deceased: null, inactive: false,
    mergedIntoPrevious: false, dstVisit: null, sparse: false,
  };
  if (index === DEMO_PATIENT_IDS.parent - 1) return { ...base, demo: 'parent', ageBand: 'adult', portal: true };
  if (index === DEMO_PATIENT_IDS.child - 1) return { ...base, demo: 'child', ageBand: 'child', proxyRelations: ['MTH'], household: true };
  if (index === DEMO_PATIENT_IDS.patient - 1) return { ...base, demo: 'patient', ageBand: 'elderly', portal: true };
  const slot = index % 10;
  const in50 = index % 50;
  const plan = { ...base };
  if (slot === 0 || slot === 2 || slot === 4) Object.assign(plan, { ageBand: 'adult', portal: true });
  if (slot === 1) Object.assign(plan, { ageBand: Math.floor(index / 10) % 2 ? 'infant' : 'child', proxyRelations: ['MTH', 'FTH', 'GRD'], household: true });
  if (slot === 3 || slot === 5) Object.assign(plan, { ageBand: 'elderly', proxyRelations: ['CHILD', 'SPS', 'DOMP', 'SIB', 'EMC', 'FRND', 'OTH'] });
  if (slot === 3 && index < 10) Object.assign(plan, { proxyRelations: null }); // the previous patient is a demo patient
  if (slot >= 6) plan.portal = index % 3 === 0;
  if (in50 === 17) Object.assign(plan, { ageBand: 'elderly', deceased: 'with-date' });
  if (in50 === 27) Object.assign(plan, { ageBand: 'elderly', deceased: 'without-date' });
  if (fillsEveryTable(index)) plan.ageBand = 'elderly'; // charts with rows in every table (an implant needs an adult)
  if (in50 === 28) plan.sparse = true;
  if (in50 === 37) plan.inactive = true;
  if (in50 === 39) Object.assign(plan, { mergedIntoPrevious: true, inactive: true, portal: false });
  if (in50 === 6) Object.assign(plan, { ageBand: 'adult', dstVisit: '2024-03-10T02:30:00' });
  if (in50 === 16) Object.assign(plan, { ageBand: 'adult', dstVisit: '2024-11-03T01:30:00' });
  if (in50 === 26) Object.assign(plan, { ageBand: 'adult', dstVisit: '2024-11-03T01:45:00' });
  return plan;
}
