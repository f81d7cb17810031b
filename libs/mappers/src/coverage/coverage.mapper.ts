import type { LegacyPatInsurance, LegacyPayer } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { PAYER_TYPE } from '../common/code-maps.js';
import { present } from '../common/contact-builders.js';
import { dataAbsentConcept } from '../common/data-absent-reason.js';
import type { Coding, FhirResource } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { SYSTEM } from '../common/systems.js';
import { toDate } from '../common/time.js';
import { COVERAGE_IDS } from './coverage.ids.js';

/** US Core 6.1.0 Coverage profile canonical. */
export const COVERAGE_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-coverage|6.1.0';
export const SUBSCRIBER_RELATIONSHIP_SYSTEM = 'http://terminology.hl7.org/CodeSystem/subscriber-relationship';
export const COVERAGE_CLASS_SYSTEM = 'http://terminology.hl7.org/CodeSystem/coverage-class';

export type Coverage = FhirResource & { resourceType: 'Coverage' };

/** Coverage ids are the PAT_INSURANCE row's key (`<INS_ID>`). */
export const coverageId = (insId: number): string => COVERAGE_IDS.format(insId);
/** The INS_ID of a Coverage id; `undefined` for an id this facade never produces. */
export const parseCoverageId = (id: string): number | undefined => COVERAGE_IDS.parse(id)?.key;

const relation = (code: string, display: string): Coding => ({ system: SUBSCRIBER_RELATIONSHIP_SYSTEM, code, display });

/** PAT_INSURANCE.SUBSCRIBER_REL -> Coverage.relationship (the beneficiary's relationship to the subscriber). */
export const SUBSCRIBER_REL: Record<string, Coding> = {
  SELF: relation('self', 'Self'),
  SPS: relation('spouse', 'Spouse'),
  CHILD: relation('child', 'Child'),
  OTHER: relation('other', 'Other'),
};

const MEMBER_NUMBER = { coding: [{ system: SYSTEM.v2IdentifierType, code: 'MB', display: 'Member Number' }], text: 'Member Number' };
const classType = (code: 'group' | 'plan', display: string) => ({ coding: [{ system: COVERAGE_CLASS_SYSTEM, code, display }] });

/** What `toCoverage` needs: the insurance row and its PAYER row (for the payer's type and name). */
export interface CoverageInput {
  insurance: LegacyPatInsurance;
  payer?: Pick<LegacyPayer, 'PAYER_TYPE' | 'PAYER_NAME'>;
}

/**
 * PAT_INSURANCE -> US Core 6.1.0 Coverage (`<INS_ID>`): status active (deleted rows are never served), MEMBER_ID
 * as the member-number identifier and subscriberId (us-core-15), type = the payer's Source of Payment Typology
 * code, beneficiary = the patient, relationship from SUBSCRIBER_REL (unknown -> reported, data-absent), the
 * subscriber (the patient for SELF, else the subscriber's name), period, payor = the payer Organization
 * (`payer-<PAYER_ID>`, served by the Organization endpoint), order = PRIORITY, group and plan classes.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-coverage.html
 */
export function toCoverage(input: CoverageInput, ctx: MapperContext): Coverage {
  const ins = input.insurance;
  const member = text(ins.MEMBER_ID);
  const rel = lookupCode(SUBSCRIBER_REL, ins.SUBSCRIBER_REL, 'PAT_INSURANCE.SUBSCRIBER_REL', ctx);
  const sopt = input.payer ? lookupCode(PAYER_TYPE, input.payer.PAYER_TYPE, 'PAYER.PAYER_TYPE', ctx) : undefined;
  const group = text(ins.GROUP_NO);
  const plan = text(ins.PLAN_NAME);
  const self = rel?.code === 'self';
  const subscriberName = text(ins.SUBSCRIBER_NAME);
  return compact<Coverage>({
    resourceType: 'Coverage',
    id: coverageId(ins.INS_ID),
    meta: buildMeta(ins, COVERAGE_PROFILE, ctx),
    identifier: member ? [{ type: MEMBER_NUMBER, value: member }] : undefined,
    status: 'active',
    type: sopt ? { coding: [sopt], text: sopt.display } : undefined,
    subscriber: self ? ref.patient(ins.PAT_ID) : subscriberName ? { display: subscriberName } : undefined,
    subscriberId: member,
    beneficiary: ref.patient(ins.PAT_ID),
    relationship: rel ? { coding: [rel], text: rel.display } : dataAbsentConcept('unknown'),
    period: { start: toDate(ins.START_DATE), end: toDate(ins.END_DATE) },
    payor: [{ ...ref.payer(ins.PAYER_ID), display: text(input.payer?.PAYER_NAME) }],
    order: ins.PRIORITY > 0 ? ins.PRIORITY : undefined,
    class: present(
      group ? { type: classType('group', 'Group'), value: group } : undefined,
      plan ? { type: classType('plan', 'Plan'), value: plan, name: plan } : undefined,
    ),
  });
}
