/** Curated vaccines: CDC CVX and MVX codes, route, dose and the ages they are given at. */

export interface VaccineDef {
  cvx: string;
  name: string;
  mvx: string;
  route: string;
  doseMl: number;
  /** Ages in months at which a dose is due. */
  atMonths: number[];
  /** NDC of the product the clinic stocks (recorded when a dose is given here), where the EHR keeps one. */
  ndc?: string;
  /** Given every year (influenza) from this age in months. */
  annualFromMonths?: number;
}

export const VACCINES: readonly VaccineDef[] = [
  { cvx: '08', name: 'Hep B, adolescent or pediatric', mvx: 'MSD', route: 'IM', doseMl: 0.5, atMonths: [0, 2, 6] },
  { cvx: '20', name: 'DTaP', mvx: 'PMC', route: 'IM', doseMl: 0.5, atMonths: [2, 4, 6, 15, 60] },
  { cvx: '10', name: 'IPV', mvx: 'PMC', route: 'SC', doseMl: 0.5, atMonths: [2, 4, 12, 60] },
  { cvx: '49', name: 'Hib (PRP-OMP)', mvx: 'MSD', route: 'IM', doseMl: 0.5, atMonths: [2, 4, 12] },
  { cvx: '133', name: 'Pneumococcal conjugate PCV 13', mvx: 'PFR', route: 'IM', doseMl: 0.5, atMonths: [2, 4, 6, 12] },
  { cvx: '116', name: 'rotavirus, pentavalent', mvx: 'MSD', route: 'PO', doseMl: 2, atMonths: [2, 4, 6] },
  { cvx: '03', name: 'MMR', mvx: 'MSD', route: 'SC', doseMl: 0.5, atMonths: [12, 60] },
  { cvx: '21', name: 'varicella', mvx: 'MSD', route: 'SC', doseMl: 0.5, atMonths: [12, 60] },
  { cvx: '83', name: 'Hep A, ped/adol, 2 dose', mvx: 'SKB', route: 'IM', doseMl: 0.5, atMonths: [12, 18] },
  { cvx: '115', name: 'Tdap', mvx: 'SKB', ndc: '58160-0842-11', route: 'IM', doseMl: 0.5, atMonths: [132, 300, 420, 540] },
  { cvx: '62', name: 'HPV, quadrivalent', mvx: 'MSD', route: 'IM', doseMl: 0.5, atMonths: [132, 138] },
  { cvx: '114', name: 'meningococcal MCV4P', mvx: 'PMC', route: 'IM', doseMl: 0.5, atMonths: [132, 192] },
  { cvx: '33', name: 'pneumococcal polysaccharide PPV23', mvx: 'MSD', route: 'IM', doseMl: 0.5, atMonths: [780] },
  { cvx: '187', name: 'zoster recombinant', mvx: 'SKB', ndc: '58160-0823-11', route: 'IM', doseMl: 0.5, atMonths: [600, 602] },
  { cvx: '208', name: 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose', mvx: 'PFR', ndc: '59267-1000-01', route: 'IM', doseMl: 0.3, atMonths: [] },
  { cvx: '140', name: 'Influenza, seasonal, injectable, preservative free', mvx: 'PMC', ndc: '49281-0421-50', route: 'IM', doseMl: 0.5, atMonths: [], annualFromMonths: 6 },
  { cvx: '149', name: 'influenza, live, intranasal, quadrivalent', mvx: 'MED', route: 'IN', doseMl: 0.2, atMonths: [], annualFromMonths: 24 },
  { cvx: '19', name: 'BCG', mvx: 'OTC', route: 'ID', doseMl: 0.1, atMonths: [] },
];

export const NOT_GIVEN_REASONS = ['PATOBJ', 'IMMUNE', 'MEDPREC', 'OOSTOCK', 'RELIG'] as const;
