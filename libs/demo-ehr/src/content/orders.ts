/** Curated procedures (CPT / HCPCS / SNOMED CT / ICD-10-PCS), implantable devices, referrals and care team roles. */

export interface ProcedureDef {
  key: string;
  cpt: string | null;
  hcpcs: string | null;
  snomed: string | null;
  icd10pcs: string | null;
  description: string;
  bodySite: string | null;
  minutes: number;
  implant?: ImplantDef;
  minAge: number;
  sex?: 'F' | 'M';
  reasonKeys: string[];
}

export interface ImplantDef {
  name: string;
  snomed: string | null;
  manufacturer: string;
  model: string;
  /** GS1 company prefix + item reference (12 digits); the generator adds indicator and check digit. */
  gtinBody: string;
  shelfLifeDays: number;
}

export const PROCEDURES: readonly ProcedureDef[] = [
  { key: 'tka', cpt: '27447', hcpcs: null, snomed: '609588000', icd10pcs: '0SRC0J9', description: 'Total knee replacement, right', bodySite: '6757004', minutes: 120, minAge: 50, reasonKeys: ['oa_knee'],
    implant: { name: 'Total knee system, cemented femoral component', snomed: null, manufacturer: 'Zimmer Biomet', model: 'PSK-FEM-5', gtinBody: '088035802201', shelfLifeDays: 1825 } },
  { key: 'stent', cpt: '92928', hcpcs: null, snomed: '36969009', icd10pcs: '02703DZ', description: 'Percutaneous transcatheter placement of intracoronary stent, single vessel', bodySite: '80891009', minutes: 75, minAge: 45, reasonKeys: ['cad', 'chest_pain'],
    implant: { name: 'Drug-eluting coronary stent system 3.0 x 18 mm', snomed: '705643001', manufacturer: 'Abbott Vascular', model: 'XIENCE-3018', gtinBody: '084558800328', shelfLifeDays: 730 } },
  { key: 'pacemaker', cpt: '33208', hcpcs: null, snomed: '307280005', icd10pcs: '0JH606Z', description: 'Insertion of permanent pacemaker with atrial and ventricular leads', bodySite: '51185008', minutes: 90, minAge: 55, reasonKeys: ['afib'],
    implant: { name: 'Dual chamber implantable pacemaker', snomed: '14106009', manufacturer: 'Medtronic', model: 'W1DR01', gtinBody: '076300055117', shelfLifeDays: 540 } },
  { key: 'iud', cpt: '58300', hcpcs: 'J7300', snomed: '65200003', icd10pcs: '0UH97HZ', description: 'Insertion of intrauterine device (copper)', bodySite: '35039007', minutes: 20, minAge: 18, sex: 'F', reasonKeys: ['contraception'],
    implant: { name: 'Copper intrauterine contraceptive device', snomed: '268460000', manufacturer: 'CooperSurgical', model: 'T380A', gtinBody: '051592900100', shelfLifeDays: 1460 } },
  { key: 'colonoscopy', cpt: '45378', hcpcs: null, snomed: '73761001', icd10pcs: '0DJD8ZZ', description: 'Colonoscopy, diagnostic', bodySite: '71854001', minutes: 40, minAge: 45, reasonKeys: [] },
  { key: 'spirometry', cpt: '94010', hcpcs: null, snomed: '127783003', icd10pcs: null, description: 'Spirometry', bodySite: null, minutes: 20, minAge: 6, reasonKeys: ['asthma', 'copd'] },
  { key: 'nebulizer', cpt: '94640', hcpcs: null, snomed: '56251003', icd10pcs: null, description: 'Nebulizer treatment', bodySite: null, minutes: 15, minAge: 1, reasonKeys: ['asthma', 'bronchitis', 'copd'] },
  { key: 'ecg_proc', cpt: '93000', hcpcs: null, snomed: '29303009', icd10pcs: null, description: 'Electrocardiogram, routine, 12 leads, with interpretation and report', bodySite: null, minutes: 10, minAge: 18, reasonKeys: ['afib', 'chest_pain', 'cad'] },
  { key: 'skin_biopsy', cpt: '11102', hcpcs: null, snomed: null, icd10pcs: null, description: 'Tangential biopsy of skin, single lesion', bodySite: null, minutes: 15, minAge: 18, reasonKeys: ['skin_lesion'] },
  { key: 'depo', cpt: '96372', hcpcs: 'J1050', snomed: null, icd10pcs: null, description: 'Injection, medroxyprogesterone acetate, 1 mg', bodySite: null, minutes: 5, minAge: 12, sex: 'F', reasonKeys: ['contraception'] },
  { key: 'awv', cpt: null, hcpcs: 'G0439', snomed: null, icd10pcs: null, description: 'Annual wellness visit, subsequent, includes a personalized prevention plan', bodySite: null, minutes: 30, minAge: 65, reasonKeys: [] },
  { key: 'mammo', cpt: '77067', hcpcs: null, snomed: '24623002', icd10pcs: null, description: 'Screening mammography, bilateral', bodySite: null, minutes: 20, minAge: 40, sex: 'F', reasonKeys: [] },
];

export const REFERRALS: readonly { category: string; snomed: string | null; cpt: string | null; description: string; to: string; reasonKeys: string[] }[] = [
  { category: 'CONSULT', snomed: '183519002', cpt: null, description: 'Referral to cardiology service', to: 'Harbor Heart Associates', reasonKeys: ['afib', 'cad', 'chest_pain', 'htn'] },
  { category: 'CONSULT', snomed: '306206005', cpt: null, description: 'Referral to endocrinology service', to: 'Bay Endocrinology Group', reasonKeys: ['t2dm', 'hypothyroid'] },
  { category: 'CONSULT', snomed: '306206005', cpt: null, description: 'Referral to dermatology service', to: 'Coastal Dermatology', reasonKeys: ['skin_lesion'] },
  { category: 'IMAGING', snomed: null, cpt: '77067', description: 'Screening mammography referral', to: 'Harbor Imaging Center', reasonKeys: [] },
  { category: 'IMAGING', snomed: null, cpt: '73721', description: 'MRI right knee without contrast', to: 'Harbor Imaging Center', reasonKeys: ['oa_knee', 'lbp'] },
  { category: 'THERAPY', snomed: null, cpt: '97161', description: 'Physical therapy evaluation and treatment', to: 'Motion Physical Therapy', reasonKeys: ['oa_knee', 'lbp'] },
  { category: 'SDOH', snomed: null, cpt: null, description: 'Referral to community food pantry program', to: 'Greater Boston Food Bank', reasonKeys: [] },
  { category: 'SDOH', snomed: null, cpt: null, description: 'Referral to housing assistance program', to: 'Metro Housing Boston', reasonKeys: [] },
  { category: 'COUNSEL', snomed: null, cpt: '90834', description: 'Referral for individual psychotherapy', to: 'Riverside Behavioral Health', reasonKeys: ['mdd', 'gad'] },
  { category: 'COUNSEL', snomed: null, cpt: null, description: 'Tobacco cessation counseling program', to: 'QuitWorks Massachusetts', reasonKeys: [] },
];
