/** Observation source over SOCIAL_HX.TOBACCO_PACK_YRS: US Core Simple Observation `pack-years-<SOC_ID>`. */
import { SocialHxTable } from '#facade/legacy-db';
import { SYSTEM, SIMPLE_OBSERVATION_PROFILE, toPackYearsObservation } from '#facade/mappers';
import { PACK_YEARS_IDS } from '#facade/mappers/src/simple-observation/simple-observation.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf } from '../engine/registry/resource-entry.js';
import { SYSTEMS } from './registry-config.js';

/** The pack-years source of Observation (rows that record TOBACCO_PACK_YRS). */
export const packYearsSource = sourceOf(SocialHxTable)({
  key: 'packyears',
  alias: 'py',
  profiles: [SIMPLE_OBSERVATION_PROFILE],
  ids: PACK_YEARS_IDS,
  baseWhere: 'py.TOBACCO_PACK_YRS IS NOT NULL',
  deletedColumn: 'py.DELETED_YN',
  patientColumn: 'py.PAT_ID',
  sort: { date: 'py.RECORDED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'py.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'py.PAT_ID', to: 'Patient' },
    encounter: { kind: 'reference', column: 'py.VISIT_ID', to: 'Encounter' },
    category: { kind: 'token', columns: [{ system: SYSTEMS.observationCategory, constant: ['social-history'] }] },
    code: { kind: 'token', columns: [{ system: SYSTEM.snomed, constant: ['401201003'] }] },
    date: { kind: 'date', column: 'py.RECORDED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [{ system: SYSTEMS.observationStatus, constant: ['final'] }] },
  },
  map: (row, ctx) => toPackYearsObservation(row, ctx) as unknown as FhirResource,
});
