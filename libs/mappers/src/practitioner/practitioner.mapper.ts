import type { LegacyProvider } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { CREDENTIAL } from '../common/code-maps.js';
import { address, email, humanName, phone, present } from '../common/contact-builders.js';
import type { Practitioner } from '../common/fhir-types.js';
import { compact, isYes, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { PROFILE } from '../common/systems.js';
import { fhirId } from '../ids.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';

const GENDER: Record<string, string> = { M: 'male', F: 'female', U: 'unknown' };

/**
 * PROVIDER -> US Core 6.1.0 Practitioner: NPI identifier (data-absent-reason when the EHR has none), name,
 * telecom, address, gender and the CREDENTIAL as qualification.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-practitioner.html
 */
export function toPractitioner(provider: LegacyProvider, ctx: MapperContext): Practitioner {
  const npi = text(provider.NPI);
  const credential = text(provider.CREDENTIAL);
  // An open list, not a closed local code set: an unlisted credential is kept as text, not reported.
  const coded = credential ? CREDENTIAL[credential.toUpperCase()] : undefined;
  return compact<Practitioner>({
    resourceType: 'Practitioner',
    id: fhirId.practitioner(provider.PROV_ID),
    meta: buildMeta(provider, PROFILE.practitioner, ctx),
    // identifier.value is required: an NPI the EHR lacks is stated absent, never invented.
    identifier: [
      npi
        ? { system: ctx.identifierSystems.npi, value: npi }
        : { system: ctx.identifierSystems.npi, _value: { extension: [dataAbsentExtension('unknown')] } },
    ],
    active: isYes(provider.ACTIVE_YN),
    name: present(
      humanName({ use: 'official', family: provider.LAST_NAME, given: [provider.FIRST_NAME, provider.MIDDLE_NAME], suffix: provider.SUFFIX }),
    ),
    telecom: present(phone(provider.PHONE, 'work'), email(provider.EMAIL, 'work')),
    address: present(address(provider, 'work')),
    gender: provider.SEX ? lookupCode(GENDER, provider.SEX, 'PROVIDER.SEX', ctx) : undefined,
    qualification: credential
      ? [{ code: coded ? { coding: [coded], text: credential } : { text: credential } }]
      : undefined,
  });
}
