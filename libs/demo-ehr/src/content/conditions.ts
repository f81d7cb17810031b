/**
 * Curated clinical content: conditions with real ICD-10-CM (stored without the dot) and SNOMED CT codes, the
 * medications, labs and care plans that go with them. Small on purpose: realistic, not exhaustive.
 */

export interface ConditionDef {
  key: string;
  icd10: string;
  snomed: string | null;
  description: string;
  minAge: number;
  maxAge: number;
  sex?: 'F' | 'M';
  chronic: boolean;
  /** Relative frequency among eligible patients. */
  weight: number;
  meds: string[];
  labs: string[];
  carePlan?: { snomed: string; title: string; goals: string[] };
  screening?: string;
}

export const CONDITIONS: readonly ConditionDef[] = [
  { key: 'htn', icd10: 'I10', snomed: '59621000', description: 'Essential hypertension', minAge: 30, maxAge: 110, chronic: true, weight: 30,
    meds: ['lisinopril', 'amlodipine', 'hctz'], labs: ['bmp'],
    carePlan: { snomed: '734163000', title: 'Hypertension management', goals: ['Blood pressure below 130/80 mm[Hg]', 'Reduce dietary sodium below 2 g per day'] } },
  { key: 't2dm', icd10: 'E119', snomed: '44054006', description: 'Type 2 diabetes mellitus without complications', minAge: 25, maxAge: 110, chronic: true, weight: 14,
    meds: ['metformin', 'insulin'], labs: ['a1c', 'microalb', 'lipid', 'poc_glucose'],
    carePlan: { snomed: '698360004', title: 'Diabetes self management plan', goals: ['Hemoglobin A1c below 7.0 %', 'Walk 30 minutes five days a week'] } },
  { key: 'hld', icd10: 'E785', snomed: '55822004', description: 'Hyperlipidemia, unspecified', minAge: 30, maxAge: 110, chronic: true, weight: 20,
    meds: ['simvastatin'], labs: ['lipid'] },
  { key: 'asthma', icd10: 'J45909', snomed: '195967001', description: 'Unspecified asthma, uncomplicated', minAge: 3, maxAge: 90, chronic: true, weight: 10,
    meds: ['albuterol', 'fluticasone_inh', 'prednisone'], labs: [],
    carePlan: { snomed: '699728000', title: 'Asthma self management', goals: ['No night-time awakenings from asthma', 'Use rescue inhaler fewer than 2 days a week'] } },
  { key: 'copd', icd10: 'J449', snomed: '13645005', description: 'Chronic obstructive pulmonary disease, unspecified', minAge: 45, maxAge: 110, chronic: true, weight: 6,
    meds: ['albuterol', 'fluticasone_inh'], labs: ['cbc', 'bnp'] },
  { key: 'mdd', icd10: 'F329', snomed: '35489007', description: 'Major depressive disorder, single episode, unspecified', minAge: 13, maxAge: 100, chronic: true, weight: 10,
    meds: ['sertraline'], labs: ['tsh'], screening: 'phq9',
    carePlan: { snomed: '718347000', title: 'Mental health care plan', goals: ['PHQ-9 score below 5', 'Attend weekly counseling sessions'] } },
  { key: 'gad', icd10: 'F411', snomed: '21897009', description: 'Generalized anxiety disorder', minAge: 13, maxAge: 100, chronic: true, weight: 8,
    meds: ['sertraline', 'diazepam'], labs: [], screening: 'gad7' },
  { key: 'hypothyroid', icd10: 'E039', snomed: '40930008', description: 'Hypothyroidism, unspecified', minAge: 20, maxAge: 110, chronic: true, weight: 7,
    meds: ['levothyroxine'], labs: ['tsh'] },
  { key: 'oa_knee', icd10: 'M1711', snomed: '239873007', description: 'Unilateral primary osteoarthritis, right knee', minAge: 50, maxAge: 110, chronic: true, weight: 7,
    meds: ['acetaminophen', 'naproxen', 'hydrocortisone_top'], labs: ['crp'] },
  { key: 'ckd3', icd10: 'N1830', snomed: '433144002', description: 'Chronic kidney disease, stage 3 unspecified', minAge: 50, maxAge: 110, chronic: true, weight: 4,
    meds: ['furosemide', 'epoetin'], labs: ['bmp', 'cbc'],
    carePlan: { snomed: '736690008', title: 'Chronic kidney disease care plan', goals: ['Keep eGFR stable', 'Blood pressure below 130/80 mm[Hg]'] } },
  { key: 'afib', icd10: 'I4891', snomed: '49436004', description: 'Unspecified atrial fibrillation', minAge: 55, maxAge: 110, chronic: true, weight: 4,
    meds: ['apixaban', 'metoprolol'], labs: ['ecg', 'bmp'] },
  { key: 'cad', icd10: 'I2510', snomed: '53741008', description: 'Atherosclerotic heart disease of native coronary artery without angina pectoris', minAge: 50, maxAge: 110, chronic: true, weight: 4,
    meds: ['aspirin', 'nitroglycerin', 'metoprolol'], labs: ['ecg', 'lipid', 'bnp'],
    carePlan: { snomed: '735984001', title: 'Heart failure self management plan', goals: ['Daily weight log', 'Cardiac rehabilitation attendance'] } },
  { key: 'obesity', icd10: 'E669', snomed: '414916001', description: 'Obesity, unspecified', minAge: 6, maxAge: 90, chronic: true, weight: 10,
    meds: [], labs: ['a1c', 'lipid'] },
  { key: 'migraine', icd10: 'G43909', snomed: '37796009', description: 'Migraine, unspecified, not intractable, without status migrainosus', minAge: 12, maxAge: 70, chronic: true, weight: 6,
    meds: ['ibuprofen'], labs: ['ct_head'] },
  { key: 'rhinitis', icd10: 'J309', snomed: '61582004', description: 'Allergic rhinitis, unspecified', minAge: 3, maxAge: 90, chronic: true, weight: 9,
    meds: ['fluticasone_nas'], labs: [] },
  { key: 'vitd', icd10: 'E559', snomed: '34713006', description: 'Vitamin D deficiency, unspecified', minAge: 18, maxAge: 110, chronic: true, weight: 6,
    meds: [], labs: ['vitd'] },
  { key: 'prediabetes', icd10: 'R7303', snomed: '714628002', description: 'Prediabetes', minAge: 18, maxAge: 110, chronic: true, weight: 7,
    meds: [], labs: ['a1c'] },
  { key: 'contraception', icd10: 'Z30430', snomed: null, description: 'Encounter for insertion of intrauterine contraceptive device', minAge: 18, maxAge: 45, sex: 'F', chronic: false, weight: 3,
    meds: ['medroxyprogesterone'], labs: [] },
  { key: 'pregnancy', icd10: 'Z3480', snomed: '72892002', description: 'Encounter for supervision of other normal pregnancy, unspecified trimester', minAge: 18, maxAge: 42, sex: 'F', chronic: false, weight: 3,
    meds: [], labs: ['cbc', 'ua'] },
  { key: 'skin_lesion', icd10: 'D229', snomed: null, description: 'Melanocytic nevi, unspecified', minAge: 20, maxAge: 90, chronic: false, weight: 3,
    meds: [], labs: ['path_skin'] },
];

/** Acute problems seen at visits (encounter diagnoses). */
export const ACUTE_PROBLEMS: readonly ConditionDef[] = [
  { key: 'strep', icd10: 'J020', snomed: '43878008', description: 'Streptococcal pharyngitis', minAge: 3, maxAge: 60, chronic: false, weight: 5, meds: ['amoxicillin', 'penicillin_v'], labs: ['strep'] },
  { key: 'otitis', icd10: 'H6690', snomed: '65363002', description: 'Otitis media, unspecified, unspecified ear', minAge: 0, maxAge: 12, chronic: false, weight: 6, meds: ['amoxicillin', 'ciprofloxacin_otic'], labs: [] },
  { key: 'bronchitis', icd10: 'J209', snomed: '10509002', description: 'Acute bronchitis, unspecified', minAge: 5, maxAge: 110, chronic: false, weight: 5, meds: ['albuterol', 'acetaminophen'], labs: ['cxr'] },
  { key: 'uti', icd10: 'N390', snomed: '68566005', description: 'Urinary tract infection, site not specified', minAge: 10, maxAge: 110, chronic: false, weight: 5, meds: ['amox_clav'], labs: ['ua'] },
  { key: 'conjunctivitis', icd10: 'H1030', snomed: '9826008', description: 'Unspecified acute conjunctivitis, unspecified eye', minAge: 0, maxAge: 90, chronic: false, weight: 3, meds: ['erythromycin_oph'], labs: [] },
  { key: 'lbp', icd10: 'M5450', snomed: '279039007', description: 'Low back pain, unspecified', minAge: 18, maxAge: 90, chronic: false, weight: 5, meds: ['naproxen', 'ibuprofen'], labs: [] },
  { key: 'covid', icd10: 'U071', snomed: '840539006', description: 'COVID-19', minAge: 0, maxAge: 110, chronic: false, weight: 4, meds: ['acetaminophen'], labs: ['covid'] },
  { key: 'fever_child', icd10: 'R509', snomed: '386661006', description: 'Fever, unspecified', minAge: 0, maxAge: 10, chronic: false, weight: 3, meds: ['acetaminophen_pr'], labs: ['cbc', 'csf'] },
  { key: 'chest_pain', icd10: 'R079', snomed: '29857009', description: 'Chest pain, unspecified', minAge: 30, maxAge: 110, chronic: false, weight: 3, meds: ['aspirin'], labs: ['ecg', 'cxr', 'bnp'] },
  { key: 'wellness', icd10: 'Z0000', snomed: null, description: 'Encounter for general adult medical examination without abnormal findings', minAge: 18, maxAge: 110, chronic: false, weight: 0, meds: [], labs: ['cbc', 'lipid'] },
  { key: 'well_child', icd10: 'Z00129', snomed: null, description: 'Encounter for routine child health examination without abnormal findings', minAge: 0, maxAge: 17, chronic: false, weight: 0, meds: [], labs: [] },
];

/** Social-needs health concerns (PROB_TYPE H). */
export const HEALTH_CONCERNS: readonly { icd10: string; snomed: string | null; description: string; sdoh: string }[] = [
  { icd10: 'Z5941', snomed: '733423003', description: 'Food insecurity', sdoh: 'food-insecurity' },
  { icd10: 'Z59819', snomed: null, description: 'Housing instability, housed, unspecified', sdoh: 'housing-instability' },
  { icd10: 'Z5982', snomed: null, description: 'Transportation insecurity', sdoh: 'transportation-insecurity' },
  { icd10: 'Z5986', snomed: null, description: 'Financial insecurity', sdoh: 'financial-insecurity' },
  { icd10: 'Z720', snomed: '77176002', description: 'Tobacco use', sdoh: 'tobacco' },
];
