/**
 * Types outside the patient compartment, readable by any valid token: Practitioner and PractitionerRole
 * (PROVIDER), Organization (PRACTICE and PAYER), Location (FACILITY). These tables are small (hundreds of rows);
 * name and address searches scan them (no name index exists on them), which costs well under a millisecond.
 */
import { ID_PARAM, LAST_UPDATED_PARAM } from '../../../../libs/fhir/src/search/search-param-definition.js';
import type { LegacyFacility, LegacyPayer, LegacyPractice, LegacyProvider } from '../../../../libs/legacy-db/src/index.js';
import { PROFILE, SYSTEM } from '../../../../libs/mappers/src/common/systems.js';
import { parseResourceId } from '../../../../libs/mappers/src/ids.js';
import { toLocation } from '../../../../libs/mappers/src/location/location.mapper.js';
import { toPayerOrganization, toPracticeOrganization } from '../../../../libs/mappers/src/organization/organization.mapper.js';
import { toPractitionerRole } from '../../../../libs/mappers/src/practitioner-role/practitioner-role.mapper.js';
import { toPractitioner } from '../../../../libs/mappers/src/practitioner/practitioner.mapper.js';
import type { FhirResource, ResourceDefinition } from '../engine/registry/resource-definition.js';
import { auditColumns, plainIdParser, referenceKey } from '../engine/registry/target-helpers.js';
import { coreParam, usCoreParam } from './registry-config.js';

const unversioned = (p: string) => p.split('|')[0];
const one = (resource: unknown) => [{ sub: 0, resource: resource as FhirResource }];
const noAudit = (row: Record<string, unknown>) => ({ ...auditColumns(row), CREATED_BY: null, UPDATED_BY: null, practiceId: row.PRACTICE_ID as number | undefined });
const ADDRESS = ['ADDR1', 'CITY', 'STATE', 'ZIP'];

/** Practitioner (US Core 6.1.0). */
export const practitionerResource: ResourceDefinition = {
  type: 'Practitioner',
  profiles: [unversioned(PROFILE.practitioner)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: false,
  params: [ID_PARAM, LAST_UPDATED_PARAM, usCoreParam('Practitioner', 'name', 'string'), usCoreParam('Practitioner', 'identifier', 'token')],
  combinations: [{ params: ['name'], expectation: 'SHALL' }, { params: ['identifier'], expectation: 'SHALL' }, { params: ['_id'], expectation: 'SHOULD' }],
  sources: [
    {
      key: 'provider',
      table: 'PROVIDER',
      alias: 'pr',
      pk: 'PROV_ID',
      lastUpdatedColumn: 'pr.UPDATED_AT',
      targets: {
        name: { kind: 'string', columns: ['pr.LAST_NAME', 'pr.FIRST_NAME', 'pr.MIDDLE_NAME'] },
        identifier: { kind: 'token', columns: [{ system: SYSTEM.npi, column: 'pr.NPI' }] },
      },
      parseId: plainIdParser('Practitioner', 'PROVIDER'),
      map: (row, ctx) => one(toPractitioner(row as unknown as LegacyProvider, ctx)),
      audit: noAudit,
    },
  ],
};

/** PractitionerRole: one role per provider at their practice and primary facility. */
export const practitionerRoleResource: ResourceDefinition = {
  type: 'PractitionerRole',
  profiles: [unversioned(PROFILE.practitionerRole)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: false,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('PractitionerRole', 'specialty', 'token'),
    usCoreParam('PractitionerRole', 'practitioner', 'reference', { targetTypes: ['Practitioner'] }),
  ],
  combinations: [{ params: ['specialty'], expectation: 'SHALL' }, { params: ['practitioner'], expectation: 'SHALL' }],
  includes: [{ sourceType: 'PractitionerRole', param: 'practitioner', targetType: 'Practitioner' }],
  sources: [
    {
      key: 'role',
      table: 'PROVIDER',
      alias: 'pr',
      pk: 'PROV_ID',
      lastUpdatedColumn: 'pr.UPDATED_AT',
      targets: {
        specialty: { kind: 'token', columns: [{ system: SYSTEM.nucc, column: 'pr.TAXONOMY_CODE' }] },
        practitioner: { kind: 'reference', column: 'pr.PROV_ID', targetTypes: ['Practitioner'], toKey: referenceKey },
      },
      parseId: plainIdParser('PractitionerRole', 'PROVIDER'),
      map: (row, ctx) => one(toPractitionerRole(row as unknown as LegacyProvider, ctx)),
      references: (row) => ({ practitioner: [`Practitioner/${row.PROV_ID}`] }),
      audit: noAudit,
    },
  ],
};

const orgId = (table: 'PRACTICE' | 'PAYER') => (id: string) => {
  const parsed = parseResourceId('Organization', id);
  return parsed && parsed.table === table && 'key' in parsed ? { pk: parsed.key } : undefined;
};

/** Organization: practices and payers. */
export const organizationResource: ResourceDefinition = {
  type: 'Organization',
  profiles: [unversioned(PROFILE.organization)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: false,
  params: [ID_PARAM, LAST_UPDATED_PARAM, usCoreParam('Organization', 'name', 'string'), usCoreParam('Organization', 'address', 'string')],
  combinations: [{ params: ['name'], expectation: 'SHALL' }, { params: ['address'], expectation: 'SHALL' }],
  sources: [
    {
      key: 'practice',
      table: 'PRACTICE',
      alias: 'o',
      pk: 'PRACTICE_ID',
      lastUpdatedColumn: 'o.UPDATED_AT',
      targets: { name: { kind: 'string', columns: ['o.PRACTICE_NAME'] }, address: { kind: 'string', columns: ['o.ADDR1', 'o.ADDR2', ...ADDRESS.slice(1).map((c) => `o.${c}`)] } },
      parseId: orgId('PRACTICE'),
      map: (row, ctx) => one(toPracticeOrganization(row as unknown as LegacyPractice, ctx)),
      audit: noAudit,
    },
    {
      key: 'payer',
      table: 'PAYER',
      alias: 'y',
      pk: 'PAYER_ID',
      lastUpdatedColumn: 'y.UPDATED_AT',
      targets: { name: { kind: 'string', columns: ['y.PAYER_NAME'] }, address: { kind: 'string', columns: ADDRESS.map((c) => `y.${c}`) } },
      parseId: orgId('PAYER'),
      map: (row, ctx) => one(toPayerOrganization(row as unknown as LegacyPayer, ctx)),
    },
  ],
};

/** Location: the practices' facilities. */
export const locationResource: ResourceDefinition = {
  type: 'Location',
  profiles: [unversioned(PROFILE.location)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: false,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('Location', 'name', 'string'),
    usCoreParam('Location', 'address', 'string'),
    usCoreParam('Location', 'address-city', 'string'),
    usCoreParam('Location', 'address-state', 'string'),
    usCoreParam('Location', 'address-postalcode', 'string'),
    coreParam('Location', 'organization', 'reference', { targetTypes: ['Organization'] }),
  ],
  combinations: [
    { params: ['name'], expectation: 'SHALL' }, { params: ['address'], expectation: 'SHALL' }, { params: ['address-city'], expectation: 'SHOULD' },
    { params: ['address-state'], expectation: 'SHOULD' }, { params: ['address-postalcode'], expectation: 'SHOULD' },
  ],
  sources: [
    {
      key: 'facility',
      table: 'FACILITY',
      alias: 'f',
      pk: 'FACILITY_ID',
      lastUpdatedColumn: 'f.UPDATED_AT',
      targets: {
        name: { kind: 'string', columns: ['f.FAC_NAME'] },
        address: { kind: 'string', columns: ['f.ADDR1', 'f.ADDR2', 'f.CITY', 'f.STATE', 'f.ZIP'] },
        'address-city': { kind: 'string', columns: ['f.CITY'] },
        'address-state': { kind: 'string', columns: ['f.STATE'] },
        'address-postalcode': { kind: 'string', columns: ['f.ZIP'] },
        organization: {
          kind: 'reference',
          column: 'f.PRACTICE_ID',
          targetTypes: ['Organization'],
          toKey: (_t, id) => orgId('PRACTICE')(id)?.pk,
        },
      },
      parseId: plainIdParser('Location', 'FACILITY'),
      map: (row, ctx) => one(toLocation(row as unknown as LegacyFacility, ctx)),
      audit: noAudit,
    },
  ],
};
