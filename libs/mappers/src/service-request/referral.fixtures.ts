/** Row fixture of REFERRAL for the ServiceRequest mapper's tests (invented content). */
import type { LegacyReferral } from '#facade/legacy-db';

export const referralRow = (o: Partial<LegacyReferral> = {}): LegacyReferral => ({
  REF_ID: 130, PAT_ID: 12, VISIT_ID: 40, REFERRING_PROV_ID: 5, REFER_TO_NAME: 'Harbor Heart Associates', REF_CATEGORY: 'CONSULT',
  SNOMED_CODE: '183519002', CPT_CODE: null, DESCRIPTION: 'Referral to cardiology service', REASON_ICD10: 'I480',
  ORDERED_AT: '2024-03-01T09:40:00', STATUS: 'A', PRIORITY: 'R', DELETED_YN: 'N',
  CREATED_AT: '2024-03-01T09:40:00', CREATED_BY: 7, UPDATED_AT: '2024-03-02T16:40:00', UPDATED_BY: 7, ROW_VER: 1, ...o,
});
