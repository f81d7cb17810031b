import type { LegacyPayer, LegacyPractice } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { PAYER_TYPE } from '../common/code-maps.js';
import { address, email, phone, present } from '../common/contact-builders.js';
import type { Coding, Identifier, Organization } from '../common/fhir-types.js';
import { compact, isYes, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { fhirId } from '../ids.js';

const orgType = (code: string, display: string): Coding => ({ system: SYSTEM.organizationType, code, display });

/**
 * PRACTICE -> US Core 6.1.0 Organization (`practice-<PRACTICE_ID>`): NPI and the practice identifier, name,
 * type `prov`, address, phone / fax / email, active.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-organization.html
 */
export function toPracticeOrganization(practice: LegacyPractice, ctx: MapperContext): Organization {
  const npi = text(practice.NPI);
  return compact<Organization>({
    resourceType: 'Organization',
    id: fhirId.practiceOrganization(practice.PRACTICE_ID),
    meta: buildMeta(practice, PROFILE.organization, ctx),
    identifier: present<Identifier>(
      npi ? { system: ctx.identifierSystems.npi, value: npi } : undefined,
      { system: ctx.identifierSystems.practice, value: String(practice.PRACTICE_ID) },
    ),
    active: isYes(practice.ACTIVE_YN),
    type: [{ coding: [orgType('prov', 'Healthcare Provider')] }],
    name: practice.PRACTICE_NAME.trim(),
    telecom: present(phone(practice.PHONE, 'work'), phone(practice.FAX, 'work', 'fax'), email(practice.EMAIL, 'work')),
    address: present(address(practice, 'work')),
  });
}

/** The identifier system of payer codes (electronic payer ids) used in payer Organizations. */
export const PAYER_CODE_SYSTEM = 'urn:ehr-facade:payer-id';

/**
 * PAYER -> US Core 6.1.0 Organization (`payer-<PAYER_ID>`): name, type `pay` plus the Source of Payment
 * Typology code of PAYER_TYPE, the electronic payer id as identifier, address, phone, active.
 */
export function toPayerOrganization(payer: LegacyPayer, ctx: MapperContext): Organization {
  const sopt = lookupCode(PAYER_TYPE, payer.PAYER_TYPE, 'PAYER.PAYER_TYPE', ctx);
  const code = text(payer.PAYER_CODE);
  return compact<Organization>({
    resourceType: 'Organization',
    id: fhirId.payerOrganization(payer.PAYER_ID),
    meta: buildMeta(payer, PROFILE.organization, ctx),
    identifier: code ? [{ system: PAYER_CODE_SYSTEM, value: code }] : undefined,
    active: isYes(payer.ACTIVE_YN),
    type: present({ coding: [orgType('pay', 'Payer')] }, sopt ? { coding: [sopt] } : undefined),
    name: payer.PAYER_NAME.trim(),
    telecom: present(phone(payer.PHONE, 'work')),
    address: present(address(payer, 'work')),
  });
}
