/** Observation: vital signs (VITALS), laboratory results (LAB_RESULT), social history (SOCIAL_HX). */
import { ID_PARAM, LAST_UPDATED_PARAM } from '../../../../libs/fhir/src/search/search-param-definition.js';
import { PROFILE } from '../../../../libs/mappers/src/common/systems.js';
import type { ResourceDefinition, ResourceSource } from '../engine/registry/resource-definition.js';
import { usCoreParam } from './registry-config.js';
import { vitalSignsSource } from './observation-vitals.source.js';
import { labResultSource } from './observation-lab.source.js';
import { socialHistorySource } from './observation-social.source.js';
import { clinicalResultSource } from './observation-clinical-result.source.js';

const unversioned = (p: string) => p.split('|')[0];

/** The Observation registry entry; later observation sources (screenings ...) come in as `extraSources`. */
export function observationResource(extraSources: readonly ResourceSource[] = []): ResourceDefinition {
  const sources = [labResultSource, vitalSignsSource, socialHistorySource, clinicalResultSource, ...extraSources];
  return {
    type: 'Observation',
    profiles: [
      PROFILE.bodyHeight, PROFILE.bodyWeight, PROFILE.bmi, PROFILE.bloodPressure, PROFILE.heartRate, PROFILE.respiratoryRate,
      PROFILE.bodyTemperature, PROFILE.pulseOximetry, PROFILE.headCircumference, PROFILE.pediatricBmiForAge,
      PROFILE.pediatricWeightForHeight, PROFILE.headCircumferencePercentile,
      ...(sources.some((s) => s.key === 'lab') ? [PROFILE.observationLab] : []),
      ...(sources.some((s) => s.key === 'result') ? [PROFILE.observationClinicalResult] : []),
      ...(sources.some((s) => s.key === 'social')
        ? [PROFILE.smokingStatus, PROFILE.sexualOrientation, PROFILE.pregnancyStatus, PROFILE.pregnancyIntent, PROFILE.occupation]
        : []),
    ].map(unversioned),
    interactions: ['read', 'vread', 'search-type'],
    inPatientCompartment: true,
    params: [
      ID_PARAM,
      LAST_UPDATED_PARAM,
      usCoreParam('Observation', 'patient', 'reference', { targetTypes: ['Patient'] }),
      { code: 'subject', type: 'reference', targetTypes: ['Patient'], definition: 'http://hl7.org/fhir/SearchParameter/Observation-subject' },
      usCoreParam('Observation', 'category', 'token'),
      usCoreParam('Observation', 'code', 'token'),
      usCoreParam('Observation', 'date', 'date', { sortable: true }),
      usCoreParam('Observation', 'status', 'token'),
      { code: 'encounter', type: 'reference', targetTypes: ['Encounter'], definition: 'http://hl7.org/fhir/SearchParameter/Observation-encounter' },
    ],
    combinations: [
      { params: ['patient', 'category'], expectation: 'SHALL' },
      { params: ['patient', 'code'], expectation: 'SHALL' },
      { params: ['patient', 'category', 'date'], expectation: 'SHALL' },
      { params: ['patient', 'category', 'status'], expectation: 'SHOULD' },
      { params: ['patient', 'code', 'date'], expectation: 'SHOULD' },
    ],
    includes: [{ sourceType: 'Observation', param: 'patient', targetType: 'Patient' }],
    revincludes: [{ sourceType: 'Provenance', param: 'target', targetType: 'Observation' }],
    sources,
  };
}
