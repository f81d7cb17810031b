import { NOT_GIVEN_REASONS, VACCINES, type VaccineDef } from '../content/immunizations.js';
import { audit, shouldDelete } from '../context.js';
import { dateOf, DEMO_TODAY, wallClock } from '../time.js';
import { clinicalVisits, providersOf, type Chart } from './chart.js';
import { fillsEveryTable } from './plan.js';

interface Dose { vaccine: VaccineDef; day: number; visitId: number | null }

function plannedDoses(chart: Chart): Dose[] {
  const { rng } = chart.ctx;
  const doses: Dose[] = [];
  const byCvx = (cvx: string) => VACCINES.find((v) => v.cvx === cvx)!;
  for (const vaccine of VACCINES) {
    for (const m of vaccine.atMonths) {
      const day = chart.birthDay + Math.round(m * 30.4375) + rng.int(0, 20);
      if (day <= chart.lastDay && day >= chart.firstDay - 5 * 365 && rng.chance(0.93)) doses.push({ vaccine, day, visitId: null });
    }
  }
  // Seasonal influenza at autumn visits; COVID-19 for adults in 2021.
  for (const v of clinicalVisits(chart)) {
    const month = Number(dateOf(v.day).slice(5, 7));
    const ageMonths = (v.day - chart.birthDay) / 30.4375;
    if (month >= 9 && month <= 12 && ageMonths >= 6 && rng.chance(0.6)) {
      const laiv = ageMonths >= 24 && ageMonths < 18 * 12 && (rng.chance(0.3) || chart.ctx.cover.missing('IMM.ROUTE', 'IN'));
      doses.push({ vaccine: byCvx(laiv ? '149' : '140'), day: v.day, visitId: v.id });
    }
  }
  const visits = clinicalVisits(chart);
  const childVisit = visits.find((v) => v.day - chart.birthDay >= 2 * 365.25 && v.day - chart.birthDay < 18 * 365.25);
  if (childVisit && chart.ctx.cover.missing('IMM.ROUTE', 'IN') && !doses.some((d) => d.vaccine.route === 'IN')) doses.push({ vaccine: byCvx('149'), day: childVisit.day, visitId: childVisit.id });
  if (fillsEveryTable(chart.ctx.index) && !doses.length && visits.length) doses.push({ vaccine: byCvx('140'), day: visits[visits.length - 1].day, visitId: visits[visits.length - 1].id });
  const covidDay = Math.max(chart.firstDay, DEMO_TODAY - rng.int(1200, 1500));
  if ((covidDay - chart.birthDay) / 365.25 >= 18 && covidDay <= chart.lastDay && rng.chance(0.6)) doses.push({ vaccine: byCvx('208'), day: covidDay, visitId: null });
  const recent = doses.sort((a, b) => a.day - b.day).slice(-30);
  if (rng.chance(0.05) || chart.ctx.cover.missing('IMM.ROUTE', 'ID')) recent.unshift({ vaccine: byCvx('19'), day: chart.birthDay + rng.int(1, 60), visitId: null });
  return recent;
}

/**
 * Writes IMMUNIZATION rows: the childhood schedule, seasonal influenza, adult boosters; doses before the chart
 * began are historical (HISTORICAL_YN = Y); some were refused or not given, with the reason.
 */
export function generateImmunizations(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  if (chart.merged) return;
  const nurses = providersOf(chart, 'NURSE');
  const clinic = ctx.ref.facilities.find((f) => f.practiceId === ctx.practiceId && f.type === 'CLINIC')!;
  for (const dose of plannedDoses(chart)) {
    const { vaccine } = dose;
    const historical = dose.day < chart.firstDay || vaccine.cvx === '19';
    let status = historical || ctx.index < 3 ? 'G' : cover.pickOr('IMMUNIZATION.STATUS', ['G', 'R', 'N', 'E'], rng.weighted([['G', 95], ['R', 3], ['N', 2]]));
    const missing = NOT_GIVEN_REASONS.find((r) => cover.missing('NOT_GIVEN_REASON', r));
    if (status === 'G' && !historical && missing && ctx.index >= 3 && rng.chance(0.25)) status = missing === 'PATOBJ' || missing === 'RELIG' ? 'R' : 'N';
    const reason = status === 'R' ? cover.pickOr('NOT_GIVEN_REASON', ['PATOBJ', 'RELIG'], 'PATOBJ')
      : status === 'N' ? cover.pickOr('NOT_GIVEN_REASON', ['IMMUNE', 'MEDPREC', 'OOSTOCK'], rng.pick(['MEDPREC', 'OOSTOCK'])) : null;
    const given = status === 'G' || status === 'E';
    const route = historical && rng.chance(0.5) && !cover.missing('IMM.ROUTE', vaccine.route) ? null : vaccine.route;
    if (route) cover.note('IMM.ROUTE', route);
    const ageMonths = (dose.day - chart.birthDay) / 30.4375;
    const site = !given || vaccine.route === 'PO' || vaccine.route === 'IN' || historical ? null
      : ageMonths < 36 ? rng.pick(['LT', 'RT']) : cover.pickOr('SITE_CODE', ['LA', 'RA', 'LD', 'RD'], rng.pick(['LD', 'RD', 'LA', 'RA']));
    if (ageMonths < 36 && site) cover.note('SITE_CODE', site);
    const at = wallClock(dose.day, rng.int(8 * 60, 17 * 60));
    ctx.emit('IMMUNIZATION', {
      IMM_ID: ctx.ids.next('IMMUNIZATION'), PAT_ID: ctx.patId, VISIT_ID: dose.visitId, CVX_CODE: vaccine.cvx,
      // The clinic scans the NDC of the vials it stocks; doses recorded from elsewhere have none.
      NDC_CODE: given && !historical ? vaccine.ndc ?? null : null,
      VACCINE_NAME: vaccine.name, ADMIN_DATE: historical && rng.chance(0.3) ? wallClock(dose.day, 0) : at, STATUS: status, NOT_GIVEN_REASON: reason,
      HISTORICAL_YN: historical ? 'Y' : 'N', LOT_NUMBER: given && !historical ? `${rng.alnum(2)}${rng.digits(4)}` : null,
      EXPIRATION_DATE: given && !historical ? dateOf(dose.day + rng.int(90, 720)) : null,
      MVX_CODE: historical && rng.chance(0.5) ? null : vaccine.mvx, ROUTE_CODE: route, SITE_CODE: site,
      DOSE_ML: given && !historical ? vaccine.doseMl : null, ADMIN_PROV_ID: given && !historical ? rng.pick(nurses).id : null,
      FACILITY_ID: historical ? null : clinic.id,
      ...audit(ctx, historical ? wallClock(chart.firstDay, 9 * 60) : at, { deleted: shouldDelete(ctx, 'IMMUNIZATION'), edits: status === 'E' ? 1 : undefined }),
    });
  }
}
