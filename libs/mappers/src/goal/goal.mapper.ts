import type { LegacyGoal } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';
import type { FhirResource } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { parseRowKey, rowKeyId } from '../common/row-id.js';
import { SYSTEM } from '../common/systems.js';
import { toDate } from '../common/time.js';

export type Goal = FhirResource & { resourceType: 'Goal' };

/** US Core 6.1.0 Goal profile. */
export const GOAL_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal|6.1.0';
const GOAL_ACHIEVEMENT_SYSTEM = 'http://terminology.hl7.org/CodeSystem/goal-achievement';

/** Goal id: `<GOAL_ID>`. */
export const goalId = (id: number): string => rowKeyId(id);
/** The GOAL_ID of a Goal id, or `undefined` for an id this facade never produces. */
export const parseGoalId = (id: string): number | undefined => parseRowKey(id);

/** GOAL.STATUS -> Goal.lifecycleStatus (required binding goal-status). */
export const GOAL_STATUS: Record<string, string> = {
  PROP: 'proposed',
  PLAN: 'planned',
  ACT: 'active',
  HOLD: 'on-hold',
  DONE: 'completed',
  CANC: 'cancelled',
  ERR: 'entered-in-error',
};

/** GOAL.ACHIEVEMENT -> Goal.achievementStatus (goal-achievement). */
export const GOAL_ACHIEVEMENT: Record<string, { code: string; display: string }> = {
  INPR: { code: 'in-progress', display: 'In Progress' },
  IMPR: { code: 'improving', display: 'Improving' },
  WORS: { code: 'worsening', display: 'Worsening' },
  ACHV: { code: 'achieved', display: 'Achieved' },
  NOTA: { code: 'not-achieved', display: 'Not Achieved' },
};

/**
 * GOAL -> US Core 6.1.0 Goal. DESCRIPTION (with SNOMED_CODE when coded) is the description, START_DATE the
 * startDate, TARGET_DATE the target's dueDate, ACHIEVEMENT the achievementStatus. EXPRESSED_BY P is the patient;
 * V (a provider) has no provider column to reference, so expressedBy is left out. An unknown STATUS is reported
 * and gives a data-absent `_lifecycleStatus` (goal-status has no `unknown` code; the element is 1..1).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-goal.html
 */
export function toGoal(goal: LegacyGoal, ctx: MapperContext): Goal {
  const description = text(goal.DESCRIPTION);
  const sct = text(goal.SNOMED_CODE);
  const achievement = lookupCode(GOAL_ACHIEVEMENT, goal.ACHIEVEMENT, 'GOAL.ACHIEVEMENT', ctx);
  const expressedBy = lookupCode({ P: 'patient', V: 'provider' }, goal.EXPRESSED_BY, 'GOAL.EXPRESSED_BY', ctx);
  const due = toDate(goal.TARGET_DATE);
  const status = lookupCode(GOAL_STATUS, goal.STATUS, 'GOAL.STATUS', ctx);
  return compact<Goal>({
    resourceType: 'Goal',
    id: goalId(goal.GOAL_ID),
    meta: buildMeta(goal, GOAL_PROFILE, ctx),
    lifecycleStatus: status,
    _lifecycleStatus: status ? undefined : { extension: [dataAbsentExtension('unknown')] },
    achievementStatus: achievement ? { coding: [{ system: GOAL_ACHIEVEMENT_SYSTEM, ...achievement }], text: achievement.display } : undefined,
    description: { coding: sct ? [{ system: SYSTEM.snomed, code: sct, display: description }] : undefined, text: description ?? 'Goal' },
    subject: ref.patient(goal.PAT_ID),
    startDate: toDate(goal.START_DATE),
    target: due ? [{ dueDate: due }] : undefined,
    expressedBy: expressedBy === 'patient' ? ref.patient(goal.PAT_ID) : undefined,
  });
}
