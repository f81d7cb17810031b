/**
 * Curated medications with RxNorm clinical-drug codes (NULL where the EHR entry is a free-text or local
 * formulary item), their route, usual dose and the frequencies that make sense for them.
 */

export interface MedicationDef {
  key: string;
  rxnorm: string | null;
  /** NDC of a packaged product, for the e-prescriptions that name one (then the facade serves a Medication). */
  ndc?: string;
  name: string;
  route: string;
  doseQty: number;
  doseUnit: string;
  freqs: string[];
  sig: string;
  dispenseQty: number;
  dispenseUnit: string;
  daysSupply: number;
  minAge: number;
}

export const MEDICATIONS: readonly MedicationDef[] = [
  { key: 'lisinopril', rxnorm: '314076', ndc: '68180-0513-01', name: 'lisinopril 10 MG Oral Tablet', route: 'PO', doseQty: 10, doseUnit: 'mg', freqs: ['QD'], sig: 'Take 1 tablet by mouth once daily', dispenseQty: 90, dispenseUnit: 'TAB', daysSupply: 90, minAge: 18 },
  { key: 'amlodipine', rxnorm: '197361', name: 'amlodipine 5 MG Oral Tablet', route: 'PO', doseQty: 5, doseUnit: 'mg', freqs: ['QD'], sig: 'Take 1 tablet by mouth daily', dispenseQty: 30, dispenseUnit: 'TAB', daysSupply: 30, minAge: 18 },
  { key: 'hctz', rxnorm: '310798', name: 'hydrochlorothiazide 25 MG Oral Tablet', route: 'PO', doseQty: 25, doseUnit: 'mg', freqs: ['QD'], sig: 'Take 1 tablet by mouth every morning', dispenseQty: 30, dispenseUnit: 'TAB', daysSupply: 30, minAge: 18 },
  { key: 'metformin', rxnorm: '860975', ndc: '00093-7267-01', name: '24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet', route: 'PO', doseQty: 500, doseUnit: 'mg', freqs: ['BID', 'QD'], sig: 'Take 1 tablet by mouth with meals', dispenseQty: 60, dispenseUnit: 'TAB', daysSupply: 30, minAge: 10 },
  { key: 'insulin', rxnorm: '106892', name: 'insulin isophane, human 70 UNT/ML / insulin, regular, human 30 UNT/ML Injectable Suspension [Humulin]', route: 'SC', doseQty: 20, doseUnit: 'U', freqs: ['BID', 'QHS'], sig: 'Inject 20 units under the skin twice daily before meals', dispenseQty: 10, dispenseUnit: 'mL', daysSupply: 30, minAge: 10 },
  { key: 'simvastatin', rxnorm: '312961', ndc: '16714-0682-02', name: 'simvastatin 20 MG Oral Tablet', route: 'PO', doseQty: 20, doseUnit: 'mg', freqs: ['QHS', 'QD'], sig: 'Take 1 tablet by mouth at bedtime', dispenseQty: 90, dispenseUnit: 'TAB', daysSupply: 90, minAge: 18 },
  { key: 'albuterol', rxnorm: '745679', ndc: '0173-0682-20', name: '200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler', route: 'INH', doseQty: 2, doseUnit: 'PUFF', freqs: ['Q4H', 'Q6H', 'PRN'], sig: 'Inhale 2 puffs every 4 to 6 hours as needed for wheezing', dispenseQty: 1, dispenseUnit: 'INHALER', daysSupply: 30, minAge: 2 },
  { key: 'fluticasone_inh', rxnorm: '895994', name: '120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler', route: 'INH', doseQty: 2, doseUnit: 'PUFF', freqs: ['BID'], sig: 'Inhale 2 puffs twice daily; rinse mouth after use', dispenseQty: 1, dispenseUnit: 'INHALER', daysSupply: 30, minAge: 4 },
  { key: 'prednisone', rxnorm: '312617', name: 'predniSONE 5 MG Oral Tablet', route: 'PO', doseQty: 40, doseUnit: 'mg', freqs: ['QD'], sig: 'Take 8 tablets by mouth daily for 5 days', dispenseQty: 40, dispenseUnit: 'TAB', daysSupply: 5, minAge: 2 },
  { key: 'sertraline', rxnorm: '312940', name: 'sertraline 50 MG Oral Tablet', route: 'PO', doseQty: 50, doseUnit: 'mg', freqs: ['QD'], sig: 'Take 1 tablet by mouth daily', dispenseQty: 30, dispenseUnit: 'TAB', daysSupply: 30, minAge: 12 },
  { key: 'diazepam', rxnorm: '197591', name: 'diazepam 5 MG Oral Tablet', route: 'PO', doseQty: 5, doseUnit: 'mg', freqs: ['PRN', 'TID'], sig: 'Take 1 tablet by mouth up to three times daily as needed for anxiety', dispenseQty: 15, dispenseUnit: 'TAB', daysSupply: 15, minAge: 18 },
  { key: 'levothyroxine', rxnorm: '966222', name: 'levothyroxine sodium 0.075 MG Oral Tablet', route: 'PO', doseQty: 75, doseUnit: 'ug', freqs: ['QD'], sig: 'Take 1 tablet by mouth every morning on an empty stomach', dispenseQty: 90, dispenseUnit: 'TAB', daysSupply: 90, minAge: 0 },
  { key: 'acetaminophen', rxnorm: '313782', name: 'acetaminophen 325 MG Oral Tablet', route: 'PO', doseQty: 650, doseUnit: 'mg', freqs: ['Q6H', 'PRN', 'Q4H'], sig: 'Take 2 tablets by mouth every 6 hours as needed for pain', dispenseQty: 60, dispenseUnit: 'TAB', daysSupply: 10, minAge: 6 },
  { key: 'acetaminophen_pr', rxnorm: null, name: 'acetaminophen 120 MG Rectal Suppository', route: 'PR', doseQty: 120, doseUnit: 'mg', freqs: ['Q6H', 'PRN'], sig: 'Insert 1 suppository rectally every 6 hours as needed for fever', dispenseQty: 12, dispenseUnit: 'SUPP', daysSupply: 3, minAge: 0 },
  { key: 'ibuprofen', rxnorm: '310965', name: 'ibuprofen 200 MG Oral Tablet', route: 'PO', doseQty: 400, doseUnit: 'mg', freqs: ['Q8H', 'TID', 'PRN'], sig: 'Take 2 tablets by mouth every 8 hours with food as needed', dispenseQty: 30, dispenseUnit: 'TAB', daysSupply: 10, minAge: 6 },
  { key: 'naproxen', rxnorm: '849574', name: 'naproxen sodium 220 MG Oral Tablet', route: 'PO', doseQty: 220, doseUnit: 'mg', freqs: ['BID', 'Q12H'], sig: 'Take 1 tablet by mouth every 12 hours with food', dispenseQty: 60, dispenseUnit: 'TAB', daysSupply: 30, minAge: 12 },
  { key: 'hydrocortisone_top', rxnorm: '106258', name: 'hydrocortisone 10 MG/ML Topical Cream', route: 'TOP', doseQty: 1, doseUnit: 'APPLIC', freqs: ['BID', 'TID'], sig: 'Apply a thin layer to the affected area twice daily', dispenseQty: 30, dispenseUnit: 'g', daysSupply: 14, minAge: 0 },
  { key: 'furosemide', rxnorm: '313988', name: 'furosemide 40 MG Oral Tablet', route: 'PO', doseQty: 40, doseUnit: 'mg', freqs: ['QD', 'BID'], sig: 'Take 1 tablet by mouth every morning', dispenseQty: 30, dispenseUnit: 'TAB', daysSupply: 30, minAge: 18 },
  { key: 'furosemide_iv', rxnorm: '1719286', name: '10 ML furosemide 10 MG/ML Injection', route: 'IV', doseQty: 40, doseUnit: 'mg', freqs: ['Q12H', 'BID'], sig: '40 mg IV push every 12 hours', dispenseQty: 4, dispenseUnit: 'VIAL', daysSupply: 2, minAge: 18 },
  { key: 'epoetin', rxnorm: '205923', name: '1 ML epoetin alfa 4000 UNT/ML Injection [Epogen]', route: 'SC', doseQty: 4000, doseUnit: 'U', freqs: ['QW'], sig: 'Inject 4000 units under the skin once weekly', dispenseQty: 4, dispenseUnit: 'mL', daysSupply: 28, minAge: 18 },
  { key: 'apixaban', rxnorm: '1364445', name: 'apixaban 2.5 MG Oral Tablet', route: 'PO', doseQty: 2.5, doseUnit: 'mg', freqs: ['BID'], sig: 'Take 1 tablet by mouth twice daily', dispenseQty: 60, dispenseUnit: 'TAB', daysSupply: 30, minAge: 18 },
  { key: 'metoprolol', rxnorm: '866924', name: 'metoprolol tartrate 25 MG Oral Tablet', route: 'PO', doseQty: 25, doseUnit: 'mg', freqs: ['BID'], sig: 'Take 1 tablet by mouth twice daily', dispenseQty: 60, dispenseUnit: 'TAB', daysSupply: 30, minAge: 18 },
  { key: 'aspirin', rxnorm: '243670', name: 'aspirin 81 MG Oral Tablet', route: 'PO', doseQty: 81, doseUnit: 'mg', freqs: ['QD'], sig: 'Take 1 tablet by mouth daily', dispenseQty: 90, dispenseUnit: 'TAB', daysSupply: 90, minAge: 18 },
  { key: 'nitroglycerin', rxnorm: '705129', name: 'nitroglycerin 0.4 MG/ACTUAT Mucosal Spray', route: 'SL', doseQty: 0.4, doseUnit: 'mg', freqs: ['PRN'], sig: '1 spray under the tongue every 5 minutes as needed for chest pain, up to 3 doses', dispenseQty: 1, dispenseUnit: 'BOTTLE', daysSupply: 30, minAge: 18 },
  { key: 'amoxicillin', rxnorm: '308182', name: 'amoxicillin 250 MG Oral Capsule', route: 'PO', doseQty: 500, doseUnit: 'mg', freqs: ['TID', 'Q8H', 'BID'], sig: 'Take 2 capsules by mouth three times daily for 10 days', dispenseQty: 60, dispenseUnit: 'CAP', daysSupply: 10, minAge: 0 },
  { key: 'penicillin_v', rxnorm: '834061', name: 'penicillin V potassium 250 MG Oral Tablet', route: 'PO', doseQty: 250, doseUnit: 'mg', freqs: ['QID', 'BID'], sig: 'Take 1 tablet by mouth four times daily for 10 days', dispenseQty: 40, dispenseUnit: 'TAB', daysSupply: 10, minAge: 3 },
  { key: 'amox_clav', rxnorm: '562251', name: 'amoxicillin 250 MG / clavulanate 125 MG Oral Tablet', route: 'PO', doseQty: 1, doseUnit: 'TAB', freqs: ['Q8H', 'TID'], sig: 'Take 1 tablet by mouth every 8 hours for 7 days', dispenseQty: 21, dispenseUnit: 'TAB', daysSupply: 7, minAge: 10 },
  { key: 'ciprofloxacin_otic', rxnorm: null, name: 'ciprofloxacin 0.3 % / dexamethasone 0.1 % Otic Suspension', route: 'OTIC', doseQty: 4, doseUnit: 'DROP', freqs: ['BID'], sig: 'Instill 4 drops in the affected ear twice daily for 7 days', dispenseQty: 7.5, dispenseUnit: 'mL', daysSupply: 7, minAge: 0 },
  { key: 'erythromycin_oph', rxnorm: null, name: 'erythromycin 5 MG/GM Ophthalmic Ointment', route: 'OPH', doseQty: 1, doseUnit: 'CM', freqs: ['QID', 'Q6H'], sig: 'Apply a 1 cm ribbon to the affected eye four times daily for 5 days', dispenseQty: 3.5, dispenseUnit: 'g', daysSupply: 5, minAge: 0 },
  { key: 'fluticasone_nas', rxnorm: null, name: 'fluticasone propionate 0.05 MG/ACTUAT Nasal Spray', route: 'NAS', doseQty: 2, doseUnit: 'SPRAY', freqs: ['QD'], sig: '2 sprays in each nostril once daily', dispenseQty: 16, dispenseUnit: 'g', daysSupply: 30, minAge: 4 },
  { key: 'medroxyprogesterone', rxnorm: '1000126', name: '1 ML medroxyPROGESTERone acetate 150 MG/ML Injection', route: 'IM', doseQty: 150, doseUnit: 'mg', freqs: ['QW'], sig: 'Inject 150 mg intramuscularly every 13 weeks', dispenseQty: 1, dispenseUnit: 'mL', daysSupply: 91, minAge: 12 },
];

export const MEDICATION_BY_KEY: ReadonlyMap<string, MedicationDef> = new Map(MEDICATIONS.map((m) => [m.key, m]));

/** Medications patients report taking (RX_TYPE R), bought over the counter or prescribed elsewhere. */
export const REPORTED_MEDICATIONS = ['acetaminophen', 'ibuprofen', 'aspirin', 'fluticasone_nas', 'hydrocortisone_top', 'naproxen'];

/** Drug, food, environmental and biologic allergens with their codes. */
export const ALLERGENS: readonly { type: string; name: string; rxnorm: string | null; snomed: string | null }[] = [
  { type: 'D', name: 'Penicillin', rxnorm: '70618', snomed: '91936005' },
  { type: 'D', name: 'Amoxicillin', rxnorm: '723', snomed: null },
  { type: 'D', name: 'Sulfamethoxazole', rxnorm: '10831', snomed: null },
  { type: 'D', name: 'Codeine', rxnorm: '2670', snomed: null },
  { type: 'D', name: 'Aspirin', rxnorm: '1191', snomed: null },
  { type: 'D', name: 'Lisinopril', rxnorm: '29046', snomed: null },
  { type: 'F', name: 'Peanuts', rxnorm: null, snomed: '91935009' },
  { type: 'F', name: 'Tree nuts', rxnorm: null, snomed: '91934008' },
  { type: 'F', name: 'Shellfish', rxnorm: null, snomed: '300913006' },
  { type: 'F', name: 'Eggs', rxnorm: null, snomed: '91930004' },
  { type: 'F', name: 'Milk (dairy)', rxnorm: null, snomed: '425525006' },
  { type: 'E', name: 'Animal dander', rxnorm: null, snomed: '232347008' },
  { type: 'E', name: 'Grass pollen', rxnorm: null, snomed: '418689008' },
  { type: 'E', name: 'House dust mite', rxnorm: null, snomed: '232350006' },
  { type: 'E', name: 'Latex', rxnorm: null, snomed: '300916003' },
  { type: 'E', name: 'Bee venom', rxnorm: null, snomed: '424213003' },
  { type: 'B', name: 'Influenza virus vaccine (egg-based)', rxnorm: null, snomed: null },
  { type: 'B', name: 'Horse serum antitoxin', rxnorm: null, snomed: null },
];

/** Reactions: text, SNOMED CT finding, plausible severity. */
export const REACTIONS: readonly { text: string; snomed: string; severity: string }[] = [
  { text: 'Rash', snomed: '271807003', severity: 'MILD' },
  { text: 'Hives', snomed: '247472004', severity: 'MOD' },
  { text: 'Itching', snomed: '418290006', severity: 'MILD' },
  { text: 'Anaphylaxis', snomed: '39579001', severity: 'SEV' },
  { text: 'Shortness of breath', snomed: '267036007', severity: 'SEV' },
  { text: 'Nausea', snomed: '422587007', severity: 'MILD' },
  { text: 'Sneezing', snomed: '76067001', severity: 'MILD' },
  { text: 'Rhinoconjunctivitis', snomed: '878820003', severity: 'MOD' },
];
