/**
 * Curated orders (LOINC panels, CPT) and their result components. Numeric components carry a reference
 * interval and critical limits so that values and abnormal flags agree; text components carry their
 * normal and abnormal wording exactly as labs report them.
 */

export interface NumericComponent {
  kind: 'num';
  loinc: string | null;
  local: string;
  name: string;
  units: string | null;
  /** Reference interval as reported (`3.5-5.0`, `<200`, `>=60`). */
  refRange: string;
  low: number | null;
  high: number | null;
  critLow: number | null;
  critHigh: number | null;
  decimals: number;
  /** Reported as `<x` below this detection limit / `>=x` at or above this reporting cap. */
  reportBelow?: number;
  reportAtLeast?: number;
}

export interface TextComponent {
  kind: 'text';
  loinc: string | null;
  local: string;
  name: string;
  refRange: string | null;
  normal: string[];
  abnormal: string[];
}

export type LabComponent = NumericComponent | TextComponent;

export interface LabPanelDef {
  key: string;
  category: 'LAB' | 'RAD' | 'CARD' | 'PATH';
  panelLoinc: string | null;
  cpt: string | null;
  name: string;
  specimen: string | null;
  components: LabComponent[];
  performingLab: string;
  /** Narrative report (imaging, pathology, ECG). */
  report?: string[];
}

const num = (loinc: string | null, local: string, name: string, units: string | null, refRange: string, low: number | null, high: number | null,
  critLow: number | null, critHigh: number | null, decimals: number, extra: Partial<NumericComponent> = {}): NumericComponent =>
  ({ kind: 'num', loinc, local, name, units, refRange, low, high, critLow, critHigh, decimals, ...extra });
const text = (loinc: string | null, local: string, name: string, refRange: string | null, normal: string[], abnormal: string[]): TextComponent =>
  ({ kind: 'text', loinc, local, name, refRange, normal, abnormal });

const QUEST = 'Quest Diagnostics - Marlborough';
const INHOUSE = 'Harbor Family Medicine in-house laboratory';

export const LAB_PANELS: readonly LabPanelDef[] = [
  { key: 'cbc', category: 'LAB', panelLoinc: '58410-2', cpt: '85027', name: 'CBC panel - Blood by Automated count', specimen: 'BLD', performingLab: QUEST, components: [
    num('6690-2', 'WBC', 'Leukocytes [#/volume] in Blood by Automated count', '10*3/uL', '4.5-11.0', 4.5, 11.0, 2.0, 30.0, 1),
    num('718-7', 'HGB', 'Hemoglobin [Mass/volume] in Blood', 'g/dL', '12.0-17.5', 12.0, 17.5, 7.0, 20.0, 1),
    num('4544-3', 'HCT', 'Hematocrit [Volume Fraction] of Blood by Automated count', '%', '36.0-50.0', 36.0, 50.0, 20.0, 60.0, 1),
    num('777-3', 'PLT', 'Platelets [#/volume] in Blood by Automated count', '10*3/uL', '150-400', 150, 400, 50, 1000, 0),
  ] },
  { key: 'bmp', category: 'LAB', panelLoinc: '51990-0', cpt: '80048', name: 'Basic metabolic panel - Blood', specimen: 'SER', performingLab: QUEST, components: [
    num('2345-7', 'GLU', 'Glucose [Mass/volume] in Serum or Plasma', 'mg/dL', '70-99', 70, 99, 40, 400, 0),
    num('3094-0', 'BUN', 'Urea nitrogen [Mass/volume] in Serum or Plasma', 'mg/dL', '7-20', 7, 20, null, 100, 0),
    num('2160-0', 'CREAT', 'Creatinine [Mass/volume] in Serum or Plasma', 'mg/dL', '0.60-1.30', 0.6, 1.3, null, 7.0, 2),
    num('2951-2', 'NA', 'Sodium [Moles/volume] in Serum or Plasma', 'mmol/L', '135-145', 135, 145, 120, 160, 0),
    num('2823-3', 'K', 'Potassium [Moles/volume] in Serum or Plasma', 'mmol/L', '3.5-5.0', 3.5, 5.0, 2.8, 6.2, 1),
    num('17861-6', 'CA', 'Calcium [Mass/volume] in Serum or Plasma', 'mg/dL', '8.5-10.5', 8.5, 10.5, 6.5, 13.0, 1),
    num('98979-8', 'EGFR', 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)', 'mL/min/{1.73_m2}', '>=60', 60, null, 15, null, 0, { reportAtLeast: 90 }),
  ] },
  { key: 'lipid', category: 'LAB', panelLoinc: '57698-3', cpt: '80061', name: 'Lipid panel with direct LDL - Serum or Plasma', specimen: 'SER', performingLab: QUEST, components: [
    num('2093-3', 'CHOL', 'Cholesterol [Mass/volume] in Serum or Plasma', 'mg/dL', '<200', null, 199, null, null, 0),
    num('2571-8', 'TRIG', 'Triglyceride [Mass/volume] in Serum or Plasma', 'mg/dL', '<150', null, 149, null, 1000, 0),
    num('2085-9', 'HDL', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', 'mg/dL', '>=40', 40, null, null, null, 0),
    num('18262-6', 'LDLD', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay', 'mg/dL', '<100', null, 99, null, null, 0),
  ] },
  { key: 'a1c', category: 'LAB', panelLoinc: '4548-4', cpt: '83036', name: 'Hemoglobin A1c/Hemoglobin.total in Blood', specimen: 'BLD', performingLab: QUEST, components: [
    num('4548-4', 'A1C', 'Hemoglobin A1c/Hemoglobin.total in Blood', '%', '4.0-5.6', 4.0, 5.6, null, 14.0, 1),
  ] },
  { key: 'tsh', category: 'LAB', panelLoinc: '3016-3', cpt: '84443', name: 'Thyrotropin [Units/volume] in Serum or Plasma', specimen: 'SER', performingLab: QUEST, components: [
    num('3016-3', 'TSH', 'Thyrotropin [Units/volume] in Serum or Plasma', 'm[IU]/L', '0.40-4.00', 0.4, 4.0, 0.01, 50, 2),
  ] },
  { key: 'vitd', category: 'LAB', panelLoinc: '62292-8', cpt: '82306', name: '25-Hydroxyvitamin D2+D3 [Mass/volume] in Serum or Plasma', specimen: 'SER', performingLab: QUEST, components: [
    num('62292-8', 'VITD', '25-Hydroxyvitamin D2+D3 [Mass/volume] in Serum or Plasma', 'ng/mL', '30-100', 30, 100, 5, null, 0),
  ] },
  { key: 'crp', category: 'LAB', panelLoinc: '1988-5', cpt: '86140', name: 'C reactive protein [Mass/volume] in Serum or Plasma', specimen: 'SER', performingLab: QUEST, components: [
    num('1988-5', 'CRP', 'C reactive protein [Mass/volume] in Serum or Plasma', 'mg/L', '<5.0', null, 4.9, null, null, 1, { reportBelow: 0.5 }),
  ] },
  { key: 'bnp', category: 'LAB', panelLoinc: '33762-6', cpt: '83880', name: 'Natriuretic peptide.B prohormone N-Terminal [Mass/volume] in Serum or Plasma', specimen: 'PLAS', performingLab: QUEST, components: [
    num('33762-6', 'NTBNP', 'Natriuretic peptide.B prohormone N-Terminal [Mass/volume] in Serum or Plasma', 'pg/mL', '<125', null, 124, null, 5000, 0, { reportBelow: 20 }),
  ] },
  { key: 'microalb', category: 'LAB', panelLoinc: '14959-1', cpt: '82043', name: 'Microalbumin/Creatinine [Mass Ratio] in Urine', specimen: 'UR', performingLab: QUEST, components: [
    num('14959-1', 'MALBCR', 'Microalbumin/Creatinine [Mass Ratio] in Urine', 'mg/g', '<30', null, 29, null, null, 0, { reportBelow: 3 }),
  ] },
  { key: 'ua', category: 'LAB', panelLoinc: '24356-8', cpt: '81003', name: 'Urinalysis complete panel - Urine', specimen: 'UR', performingLab: INHOUSE, components: [
    num('5811-5', 'USG', 'Specific gravity of Urine by Test strip', null, '1.005-1.030', 1.005, 1.03, null, null, 3),
    text('5792-7', 'UGLU', 'Glucose [Mass/volume] in Urine by Test strip', 'NEGATIVE', ['NEGATIVE'], ['100 mg/dL', '250 mg/dL']),
    text('5799-2', 'ULEUK', 'Leukocyte esterase [Presence] in Urine by Test strip', 'NEGATIVE', ['NEGATIVE'], ['POSITIVE', 'Trace']),
    text('5802-4', 'UNIT', 'Nitrite [Presence] in Urine by Test strip', 'NEGATIVE', ['NEGATIVE'], ['POSITIVE']),
  ] },
  { key: 'strep', category: 'LAB', panelLoinc: '78012-2', cpt: '87880', name: 'Streptococcus pyogenes Ag [Presence] in Throat by Rapid immunoassay', specimen: 'SWAB', performingLab: INHOUSE, components: [
    text('78012-2', 'RSTREP', 'Streptococcus pyogenes Ag [Presence] in Throat by Rapid immunoassay', 'NEGATIVE', ['NEGATIVE'], ['POSITIVE']),
  ] },
  { key: 'covid', category: 'LAB', panelLoinc: '94500-6', cpt: '87635', name: 'SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory specimen by NAA with probe detection', specimen: 'SWAB', performingLab: QUEST, components: [
    text('94500-6', 'COVPCR', 'SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory specimen by NAA with probe detection', 'Not detected', ['Not detected'], ['Detected']),
  ] },
  { key: 'poc_glucose', category: 'LAB', panelLoinc: null, cpt: '82962', name: 'Point-of-care glucose (fingerstick)', specimen: 'BLD', performingLab: INHOUSE, components: [
    num(null, 'POCGLU', 'Glucose, point of care (fingerstick)', 'mg/dL', '70-140', 70, 140, 40, 450, 0),
  ] },
  { key: 'cortisol_sal', category: 'LAB', panelLoinc: null, cpt: '82530', name: 'Cortisol, late-night salivary', specimen: 'SAL', performingLab: QUEST, components: [
    num(null, 'SCORTLN', 'Cortisol, late-night salivary (LC/MS/MS)', 'ug/dL', '<0.09', null, 0.08, null, null, 2, { reportBelow: 0.03 }),
  ] },
  { key: 'csf', category: 'LAB', panelLoinc: null, cpt: '89051', name: 'CSF glucose, protein and cell count', specimen: 'CSF', performingLab: QUEST, components: [
    num('2342-4', 'CSFGLU', 'Glucose [Mass/volume] in Cerebral spinal fluid', 'mg/dL', '40-70', 40, 70, 20, null, 0),
    num('2880-3', 'CSFPRO', 'Protein [Mass/volume] in Cerebral spinal fluid', 'mg/dL', '15-45', 15, 45, null, 200, 0),
    text(null, 'CSFAPP', 'CSF appearance', 'Clear', ['Clear'], ['Cloudy', 'Xanthochromic']),
  ] },
  { key: 'path_skin', category: 'PATH', panelLoinc: '60567-5', cpt: '88305', name: 'Surgical pathology, skin biopsy', specimen: 'TISS', performingLab: 'Bay State Pathology Associates', components: [
    text('22637-3', 'PATHDX', 'Pathology report final diagnosis Narrative', null, ['Compound melanocytic nevus, margins clear', 'Seborrheic keratosis'], ['Dysplastic nevus with moderate atypia, margin involved']),
  ], report: ['SPECIMEN: Skin, left upper back, shave biopsy.', 'GROSS: A tan-brown skin shave measuring 0.6 x 0.5 x 0.1 cm, entirely submitted.', 'MICROSCOPIC: Nests of bland melanocytes at the dermal-epidermal junction and in the superficial dermis.'] },
  { key: 'cxr', category: 'RAD', panelLoinc: '36643-5', cpt: '71046', name: 'XR Chest 2 Views', specimen: null, performingLab: 'Harbor Imaging Center', components: [
    text('19005-8', 'CXRIMP', 'Radiology Imaging study [Impression] (narrative)', null, ['No acute cardiopulmonary process.'], ['Right lower lobe consolidation consistent with pneumonia.', 'Mild cardiomegaly with small bilateral effusions.']),
  ], report: ['EXAM: Chest, PA and lateral.', 'COMPARISON: None.', 'FINDINGS: Lungs and pleural spaces as described in the impression. Bony structures intact.'] },
  { key: 'ct_head', category: 'RAD', panelLoinc: '30799-1', cpt: '70450', name: 'CT Head WO contrast', specimen: null, performingLab: 'Harbor Imaging Center', components: [
    text('19005-8', 'CTHIMP', 'Radiology Imaging study [Impression] (narrative)', null, ['No acute intracranial abnormality.'], ['Small chronic lacunar infarct in the left basal ganglia.']),
  ], report: ['EXAM: CT head without contrast.', 'INDICATION: Headache.', 'TECHNIQUE: Axial images from skull base to vertex.'] },
  { key: 'ecg', category: 'CARD', panelLoinc: '11524-6', cpt: '93000', name: 'EKG study', specimen: null, performingLab: 'Harbor Family Medicine cardiology', components: [
    num('8867-4', 'ECGHR', 'Heart rate', '/min', '60-100', 60, 100, 40, 150, 0),
    num('8633-2', 'QRSD', 'QRS duration', 'ms', '70-110', 70, 110, null, null, 0),
    num('8636-5', 'QTC', 'QT interval corrected', 'ms', '350-450', 350, 450, null, 500, 0),
    text('18844-1', 'ECGIMP', 'EKG impression Narrative', null, ['Normal sinus rhythm. No acute ST changes.'], ['Atrial fibrillation with controlled ventricular response.', 'Sinus rhythm with first-degree AV block.']),
  ], report: ['12-lead resting electrocardiogram, 25 mm/s, 10 mm/mV.'] },
];

export const LAB_PANEL_BY_KEY: ReadonlyMap<string, LabPanelDef> = new Map(LAB_PANELS.map((p) => [p.key, p]));
