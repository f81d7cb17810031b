import type { PatientContext } from '../context.js';
import { generateCarePlans, generateCareTeam } from './care.js';
import { generateScreenings, generateSocialHistory } from './assessments.js';
import { generateDemographics, type PreviousPatient } from './demographics.js';
import { generateDocuments, generateNotes } from './documents.js';
import { generateImmunizations } from './immunizations.js';
import { generateLabs } from './labs.js';
import { generateAllergies, generateMedications } from './medications.js';
import { planFor } from './plan.js';
import { sparseEmit } from './sparse.js';
import { chooseConditions, generateProblems } from './problems.js';
import { generateProcedures, generateReferrals } from './orders.js';
import { generateVisits } from './visits.js';
import { generateVitals } from './vitals.js';

/**
 * Writes one patient's complete chart, parents before children (foreign-key order): demographics, visits,
 * problems, allergies, medications, immunizations, vitals, labs, social history, screenings, procedures and
 * implants, referrals, notes, documents, care plans and goals, care team. Returns what the next patient may
 * need (household, proxy, merged duplicate).
 */
export function generatePatient(run: PatientContext, prev: PreviousPatient | null): PreviousPatient {
  const plan = planFor(run.index);
  const ctx = plan.sparse ? { ...run, emit: sparseEmit(run.emit) } : run;
  const { chart, portalId, address } = generateDemographics(ctx, plan, prev);
  chooseConditions(chart, plan.demo);
  chart.visits = generateVisits(chart);
  generateProblems(chart);
  generateAllergies(chart);
  generateMedications(chart);
  generateImmunizations(chart);
  generateVitals(chart);
  generateLabs(chart);
  generateSocialHistory(chart);
  generateScreenings(chart);
  generateProcedures(chart);
  generateReferrals(chart);
  generateNotes(chart);
  generateDocuments(chart);
  generateCarePlans(chart);
  generateCareTeam(chart);
  return {
    patId: ctx.patId, practiceId: ctx.practiceId, firstName: chart.firstName, lastName: chart.lastName, sex: chart.sex,
    bioSex: chart.bioSex, birthDay: chart.birthDay, address, portalId,
  };
}
