import type { LegacyImplant } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';
import type { CodeableConcept, FhirResource } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { parseRowKey, rowKeyId } from '../common/row-id.js';
import { SYSTEM } from '../common/systems.js';
import { toDate } from '../common/time.js';
import { parseGs1Udi, type Gs1Udi } from './gs1-udi.js';

export type Device = FhirResource & { resourceType: 'Device' };

/** US Core 6.1.0 Implantable Device profile. */
export const IMPLANTABLE_DEVICE_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-implantable-device|6.1.0';

/** Device id: `<IMPLANT_ID>` (one Device per IMPLANT row). */
export const deviceId = (implantId: number): string => rowKeyId(implantId);
/** The IMPLANT_ID of a Device id, or `undefined` for an id this facade never produces. */
export const parseDeviceId = (id: string): number | undefined => parseRowKey(id);

/** IMPLANT.STATUS -> Device.status. */
export const IMPLANT_STATUS: Record<string, 'active' | 'inactive' | 'entered-in-error'> = {
  A: 'active',
  I: 'inactive',
  E: 'entered-in-error',
};

const GS1_ISSUER = 'http://hl7.org/fhir/NamingSystem/gs1-di';
const FDA_JURISDICTION = 'http://hl7.org/fhir/NamingSystem/fda-udi';

function deviceType(row: LegacyImplant): CodeableConcept {
  const sct = text(row.SNOMED_TYPE);
  const name = text(row.DEVICE_NAME);
  return compact({ coding: sct ? [{ system: SYSTEM.snomed, code: sct, display: name }] : undefined, text: name });
}

/** The UDI-PI value: the parsed UDI's when it has one (the scanned label is the truth), else the column's. */
function pick(column: string, fromUdi: string | undefined, fromRow: string | undefined, ctx: MapperContext): string | undefined {
  if (fromUdi !== undefined && fromRow !== undefined && fromUdi !== fromRow) {
    ctx.report({ column: `IMPLANT.${column}`, code: 'UDI_MISMATCH', message: `IMPLANT.${column} differs from the UDI: the UDI's value is used` });
  }
  return fromUdi ?? fromRow;
}

function parsedUdi(raw: string | undefined, ctx: MapperContext): Gs1Udi | undefined {
  if (!raw) return undefined;
  // HIBCC is the other FDA issuing agency's form (documented for UDI_STRING): kept raw, not an error.
  if (raw.startsWith('+')) return undefined;
  const parsed = parseGs1Udi(raw);
  if (parsed.ok) return parsed.udi;
  ctx.report({ column: 'IMPLANT.UDI_STRING', code: parsed.problem, message: 'UDI is not a well-formed GS1 human-readable form: kept as carrierHRF only' });
  return undefined;
}

/**
 * IMPLANT -> US Core 6.1.0 Implantable Device. UDI_STRING is kept verbatim in `udiCarrier.carrierHRF`; a GS1
 * human-readable UDI is parsed into `udiCarrier.deviceIdentifier` (GTIN, issuer GS1, FDA jurisdiction), lot,
 * serial, manufacture and expiry dates (the UDI wins over the columns, a difference is reported). A HIBCC UDI
 * (`+...`, the other issuing agency's form) is kept raw without a report; a GS1 one that does not parse (a typo,
 * a truncated scan, a wrong check digit) is reported. Either way the resource is valid: the raw
 * string with a data-absent device identifier, the other elements from the LOT_NUMBER / SERIAL_NUMBER /
 * MFG_DATE / EXP_DATE columns. Type is SNOMED_TYPE (text DEVICE_NAME); MANUFACTURER and MODEL_NUMBER are
 * always given (US Core asks for them when no UDI is known).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-implantable-device.html
 */
export function toDevice(row: LegacyImplant, ctx: MapperContext): Device {
  const raw = text(row.UDI_STRING);
  const udi = parsedUdi(raw, ctx);
  const status = lookupCode(IMPLANT_STATUS, row.STATUS, 'IMPLANT.STATUS', ctx);
  const name = text(row.DEVICE_NAME);
  return compact<Device>({
    resourceType: 'Device',
    id: deviceId(row.IMPLANT_ID),
    meta: buildMeta(row, IMPLANTABLE_DEVICE_PROFILE, ctx),
    udiCarrier: raw
      ? [
          udi
            ? { deviceIdentifier: udi.deviceIdentifier, issuer: GS1_ISSUER, jurisdiction: FDA_JURISDICTION, carrierHRF: raw }
            : { _deviceIdentifier: { extension: [dataAbsentExtension('unknown')] }, carrierHRF: raw },
        ]
      : undefined,
    status,
    manufacturer: text(row.MANUFACTURER),
    manufactureDate: pick('MFG_DATE', udi?.manufactureDate, toDate(row.MFG_DATE), ctx),
    expirationDate: pick('EXP_DATE', udi?.expirationDate, toDate(row.EXP_DATE), ctx),
    lotNumber: pick('LOT_NUMBER', udi?.lotNumber, text(row.LOT_NUMBER), ctx),
    serialNumber: pick('SERIAL_NUMBER', udi?.serialNumber, text(row.SERIAL_NUMBER), ctx),
    deviceName: name ? [{ name, type: 'user-friendly-name' }] : undefined,
    modelNumber: text(row.MODEL_NUMBER),
    type: deviceType(row),
    patient: ref.patient(row.PAT_ID),
  });
}
