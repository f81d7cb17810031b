import type { LegacyFacility } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { FACILITY_TYPE } from '../common/code-maps.js';
import { address, phone, present } from '../common/contact-builders.js';
import type { Location } from '../common/fhir-types.js';
import { compact, isYes } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE } from '../common/systems.js';
import { fhirId } from '../ids.js';

function position(f: LegacyFacility) {
  if (f.LATITUDE === null || f.LONGITUDE === null || f.LATITUDE === undefined || f.LONGITUDE === undefined) return undefined;
  const latitude = Number(f.LATITUDE);
  const longitude = Number(f.LONGITUDE);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  return { latitude, longitude };
}

/**
 * FACILITY -> US Core 6.1.0 Location: status, name, type (v3 ServiceDeliveryLocationRoleType from FAC_TYPE),
 * address, phone, position, managingOrganization (the practice).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-location.html
 */
export function toLocation(facility: LegacyFacility, ctx: MapperContext): Location {
  const type = lookupCode(FACILITY_TYPE, facility.FAC_TYPE, 'FACILITY.FAC_TYPE', ctx);
  return compact<Location>({
    resourceType: 'Location',
    id: fhirId.location(facility.FACILITY_ID),
    meta: buildMeta(facility, PROFILE.location, ctx),
    status: isYes(facility.ACTIVE_YN) ? 'active' : 'inactive',
    name: facility.FAC_NAME.trim(),
    mode: 'instance',
    type: type ? [{ coding: present(type.coding), text: type.text }] : undefined,
    telecom: present(phone(facility.PHONE, 'work')),
    address: address(facility, 'work'),
    position: position(facility),
    managingOrganization: ref.practice(facility.PRACTICE_ID),
  });
}
