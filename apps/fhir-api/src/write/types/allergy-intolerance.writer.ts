/** AllergyIntolerance create + update -> ALLERGY (one row per resource). */
import { fromAllergyIntolerance, type AllergyColumns } from '#facade/mappers/src/allergy-intolerance/allergy-intolerance.reverse-mapper.js';
import { PROFILE, fhirId } from '#facade/mappers';
import { ALLERGY_INTOLERANCE_IDS } from '#facade/mappers/src/allergy-intolerance/allergy-intolerance.ids.js';
import { newRowColumns, updatedColumns, without, type WritableType } from '../writable-type.js';

export const allergyWriter: WritableType<AllergyColumns> = {
  type: 'AllergyIntolerance',
  table: 'ALLERGY',
  pk: 'ALLERGY_ID',
  profile: PROFILE.allergyIntolerance,
  create: true,
  update: true,
  documentation:
    'create and update write one ALLERGY row: clinicalStatus (required), verificationStatus confirmed|unconfirmed, one category, ' +
    'criticality, code (RxNorm and/or SNOMED CT, or SNOMED 716186003 "no known allergy"), a day-precision onsetDateTime, one reaction ' +
    'with one manifestation and a severity; any other element is refused with 422 not-supported. Deviation from R4: a create whose ' +
    'body carries an id is refused with 400 (the product rule; R4 says ignore). Update requires If-Match (428 without); ids are EHR keys ' +
    '(updateCreate false: 404 for an unknown id).',
  reverse: fromAllergyIntolerance,
  insertValues: (row, stamp) => ({ ...row, ...newRowColumns(stamp) }),
  updateValues: (row, stamp) => ({ ...without(row, ['PAT_ID']), ...updatedColumns(stamp) }),
  idOf: (key) => fhirId.allergyIntolerance(key),
  keyOf(id) {
    return ALLERGY_INTOLERANCE_IDS.parse(id)?.key;
  },
};
