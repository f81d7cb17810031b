import type { LegacyProvider } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { email, phone, present } from '../common/contact-builders.js';
import type { PractitionerRole } from '../common/fhir-types.js';
import { compact, isYes, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { fhirId } from '../ids.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';

const NUCC_RE = /^[0-9]{3}[0-9A-Z]{6}X$/;

/**
 * PROVIDER -> US Core 6.1.0 PractitionerRole (one role per provider, same id as the Practitioner): the provider
 * at their practice (Organization) and primary FACILITY (Location), NUCC taxonomy specialty, work phone (else
 * email). pd-1 needs a contact point: with neither, a data-absent-reason ContactPoint states it is unknown.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-practitionerrole.html
 */
export function toPractitionerRole(provider: LegacyProvider, ctx: MapperContext): PractitionerRole {
  const taxonomy = text(provider.TAXONOMY_CODE)?.toUpperCase();
  const desc = text(provider.SPECIALTY_DESC);
  if (taxonomy && !NUCC_RE.test(taxonomy)) {
    ctx.report({ column: 'PROVIDER.TAXONOMY_CODE', code: taxonomy, message: 'Not a NUCC provider taxonomy code' });
  }
  const specialty =
    taxonomy && NUCC_RE.test(taxonomy)
      ? { coding: [{ system: SYSTEM.nucc, code: taxonomy, display: desc }], text: desc }
      : desc
        ? { text: desc }
        : undefined;
  return compact<PractitionerRole>({
    resourceType: 'PractitionerRole',
    id: fhirId.practitionerRole(provider.PROV_ID),
    meta: buildMeta(provider, PROFILE.practitionerRole, ctx),
    active: isYes(provider.ACTIVE_YN),
    practitioner: ref.practitioner(provider.PROV_ID),
    organization: ref.practice(provider.PRACTICE_ID),
    specialty: present(specialty),
    location: present(ref.location(provider.FACILITY_ID)),
    // One contact point only: US Core 6.1.0's pd-1 (`telecom or endpoint`) is a FHIRPath error on a multi-item
    // telecom under singleton evaluation (US Core 7 rewrote it as `telecom.exists()`); the work phone wins.
    telecom: [
      phone(provider.PHONE, 'work') ??
        email(provider.EMAIL, 'work') ?? { system: 'phone', _value: { extension: [dataAbsentExtension('unknown')] } },
    ],
  });
}
