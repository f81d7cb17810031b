import type { MapperContext } from '../mapper-context.js';
import type { Coding } from '../common/fhir-types.js';

/** SDOH Clinical Care temporary codes: the SDOH domains (food-insecurity, ...) that US Core 6.1.0 screenings use. */
export const SDOHCC_CATEGORY_SYSTEM = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';

/** Width of SCREENING.SDOH_CATEGORY (VARCHAR(20)): the EHR stores longer codes cut to this many characters. */
export const SDOH_CATEGORY_WIDTH = 20;

/** The SDOH category codes, full length, with their display. */
export const SDOH_CATEGORIES: Readonly<Record<string, string>> = {
  'food-insecurity': 'Food Insecurity',
  'housing-instability': 'Housing Instability',
  homelessness: 'Homelessness',
  'inadequate-housing': 'Inadequate Housing',
  'transportation-insecurity': 'Transportation Insecurity',
  'financial-insecurity': 'Financial Insecurity',
  'material-hardship': 'Material Hardship',
  'educational-attainment': 'Educational Attainment',
  'employment-status': 'Employment Status',
  'veteran-status': 'Veteran Status',
  stress: 'Stress',
  'social-connection': 'Social Connection',
  'intimate-partner-violence': 'Intimate Partner Violence',
  'elder-abuse': 'Elder Abuse',
  'personal-health-literacy': 'Personal Health Literacy',
  'health-insurance-coverage-status': 'Health Insurance Coverage Status',
  'medical-cost-burden': 'Medical Cost Burden',
  'digital-literacy': 'Digital Literacy',
  'digital-access': 'Digital Access',
  'utility-insecurity': 'Utility Insecurity',
  'sdoh-category-unspecified': 'SDOH Category Unspecified',
};

/** The column value the EHR stores for each code (its first 20 characters) -> the full code. Prefixes are unique. */
const BY_STORED: ReadonlyMap<string, string> = new Map(Object.keys(SDOH_CATEGORIES).map((code) => [code.slice(0, SDOH_CATEGORY_WIDTH), code]));

/**
 * SCREENING.SDOH_CATEGORY -> the SDOH category Coding, restoring codes the VARCHAR(20) column cut
 * (`transportation-insec` -> `transportation-insecurity`). NULL (a clinical screen) gives `undefined`; an
 * unknown value is reported and gives `undefined` (the screen keeps its `sdoh` category, never a guessed domain).
 */
export function sdohCategory(stored: string | null | undefined, ctx: MapperContext): Coding | undefined {
  if (stored === null || stored === undefined) return undefined;
  const key = String(stored).trim().toLowerCase();
  if (key === '') return undefined;
  const code = BY_STORED.get(key.slice(0, SDOH_CATEGORY_WIDTH));
  if (!code) {
    ctx.report({ column: 'SCREENING.SDOH_CATEGORY', code: key.toUpperCase(), message: 'Unknown SDOH category code' });
    return undefined;
  }
  return { system: SDOHCC_CATEGORY_SYSTEM, code, display: SDOH_CATEGORIES[code] };
}
