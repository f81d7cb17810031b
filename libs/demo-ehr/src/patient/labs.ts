import { LAB_PANEL_BY_KEY, LAB_PANELS, type LabComponent, type LabPanelDef, type NumericComponent } from '../content/labs.js';
import { audit, shouldDelete, type PatientContext, type TableRows } from '../context.js';
import { addMinutes, DEMO_TODAY } from '../time.js';
import { ageAt, clinicalVisits, type Chart, type VisitInfo } from './chart.js';
import { fillsEveryTable } from './plan.js';

/** Panels ordered at a visit: for its diagnoses, at wellness visits, plus any panel the run has not shown yet. */
function panelsFor(chart: Chart, v: VisitInfo, isLast: boolean): LabPanelDef[] {
  const { rng, cover } = chart.ctx;
  const keys = new Set<string>();
  for (const d of v.diagnoses) for (const k of d.labs) if (!d.chronic || rng.chance(0.5)) keys.add(k);
  if (v.type === 'WELL' && ageAt(chart, v.day) >= 40 && rng.chance(0.5)) keys.add('lipid');
  if (isLast && chart.ctx.index >= 3) {
    const missing = LAB_PANELS.find((p) => cover.missing('LAB_PANEL', p.key));
    if (missing) keys.add(missing.key);
  }
  if (!keys.size && isLast && fillsEveryTable(chart.ctx.index)) keys.add('cbc');
  return [...keys].map((k) => LAB_PANEL_BY_KEY.get(k)!).slice(0, 4);
}

function numericValue(ctx: PatientContext, c: NumericComponent, chart: Chart): { text: string; flag: string | null } {
  const { rng, cover } = ctx;
  const rare: string[] = [];
  if (c.high !== null) rare.push('H');
  if (c.low !== null) rare.push('L');
  if (c.critHigh !== null) rare.push('HH');
  if (c.critLow !== null) rare.push('LL');
  const diabetic = c.local === 'A1C' && chart.chronic.some((x) => x.def.key === 't2dm');
  const natural = diabetic ? 'H' : rng.weighted([['N', 82], ...rare.filter((f) => f.length === 1).map((f) => [f, 8] as [string, number]), ...rare.filter((f) => f.length === 2).map((f) => [f, 1] as [string, number])]);
  const flag = cover.pickOr('ABN_FLAG', ['N', ...rare], natural);
  const low = c.low ?? (c.high !== null ? c.high * 0.4 : 0);
  const high = c.high ?? low * 2;
  let value: number;
  switch (flag) {
    case 'H': value = rng.float(high * 1.01, c.critHigh ?? high * 1.4, 4); break;
    case 'HH': value = rng.float(c.critHigh! * 1.01, c.critHigh! * 1.3, 4); break;
    case 'L': value = rng.float(c.critLow ?? low * 0.7, low * 0.99, 4); break;
    case 'LL': value = rng.float(c.critLow! * 0.6, c.critLow! * 0.99, 4); break;
    default: value = rng.float(low, high, 4);
  }
  if (c.reportBelow !== undefined && (value < c.reportBelow || cover.missing('VALUE_FORM', '<'))) {
    cover.note('VALUE_FORM', '<');
    return { text: `<${c.reportBelow}`, flag: c.low === null ? 'N' : 'L' };
  }
  if (c.reportAtLeast !== undefined && (value >= c.reportAtLeast || cover.missing('VALUE_FORM', '>='))) {
    cover.note('VALUE_FORM', '>=');
    return { text: `>=${c.reportAtLeast}`, flag: 'N' };
  }
  return { text: value.toFixed(c.decimals), flag: flag === 'N' && rng.chance(0.06) ? null : flag };
}

function resultValue(ctx: PatientContext, c: LabComponent, chart: Chart, positive: boolean): { text: string; flag: string | null; units: string | null } {
  if (c.kind === 'num') return { ...numericValue(ctx, c, chart), units: c.units };
  const abnormal = positive || ctx.rng.chance(0.12);
  const text = ctx.rng.pick(abnormal ? c.abnormal : c.normal);
  return { text, flag: abnormal ? 'A' : ctx.rng.chance(0.3) ? null : 'N', units: null };
}

/** Writes LAB_ORDER and LAB_RESULT rows (every category, specimen, status, value form and flag). */
export function generateLabs(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const visits = clinicalVisits(chart);
  visits.forEach((v, vi) => {
    for (const panel of panelsFor(chart, v, vi === visits.length - 1)) {
      const recent = v.day >= DEMO_TODAY - 3;
      const natural = recent ? rng.pick(['O', 'I', 'P', 'F']) : rng.weighted([['F', 95], ['C', 3], ['X', 2]]);
      const status = ctx.index < 3 ? (recent ? 'P' : 'F') : cover.pickOr('LAB_ORDER.STATUS', ['O', 'I', 'P', 'F', 'C', 'X'], natural);
      const orderedAt = addMinutes(v.start, rng.int(5, 40));
      const collectedAt = status === 'O' || status === 'X' ? null : addMinutes(orderedAt, rng.int(5, 90));
      const resultedAt = collectedAt && status !== 'I' ? addMinutes(collectedAt, panel.category === 'LAB' ? rng.int(60, 2880) : rng.int(30, 600)) : null;
      const orderId = ctx.ids.next('LAB_ORDER');
      const deleted = shouldDelete(ctx, 'LAB_ORDER') || v.deleted;
      const findings: string[] = [];
      const results: TableRows['LAB_RESULT'][] = [];
      const positive = v.diagnoses.some((d) => d.labs.includes(panel.key) && !d.chronic) && rng.chance(0.6);
      if (status === 'P' || status === 'F' || status === 'C') {
        cover.note('LAB_PANEL', panel.key);
        panel.components.forEach((c, seq) => {
          let rStatus = status === 'C' && seq === 0 ? 'C' : status;
          if (rStatus === 'F' && ctx.index >= 3) rStatus = cover.pickOr('LAB_RESULT.STATUS', ['X'], rng.chance(0.01) ? 'X' : 'F');
          cover.note('LAB_RESULT.STATUS', rStatus);
          // A cancelled test has no value (and must not use up a value form the run still has to show).
          const value = rStatus === 'X' ? { text: null, flag: null, units: c.kind === 'num' ? c.units : null } : resultValue(ctx, c, chart, positive);
          if (c.kind === 'text' && value.text) findings.push(value.text);
          const resultDeleted = deleted || shouldDelete(ctx, 'LAB_RESULT');
          results.push({
            RESULT_ID: ctx.ids.next('LAB_RESULT'), ORDER_ID: orderId, PAT_ID: ctx.patId, SEQ: seq + 1, LOINC_CODE: c.loinc, LOCAL_CODE: c.local,
            TEST_NAME: c.name, VALUE_TEXT: value.text, UNITS: value.units,
            REF_RANGE: c.refRange !== null && rng.chance(0.97) ? c.refRange : null, ABN_FLAG: value.flag, STATUS: rStatus,
            RESULTED_AT: resultedAt,
            COMMENT_TEXT: rStatus === 'X' ? 'Test cancelled: specimen hemolyzed.' : rStatus === 'C' ? 'Corrected result: previously reported value was entered for the wrong specimen.' : null,
            DELETED_YN: resultDeleted ? 'Y' : 'N', UPDATED_AT: resultDeleted ? addMinutes(resultedAt ?? orderedAt, rng.int(60, 9000)) : resultedAt ?? orderedAt,
            ROW_VER: (rStatus === 'C' ? 2 : 1) + (resultDeleted ? 1 : 0),
          });
        });
      }
      const report = panel.report && resultedAt ? [...panel.report, `IMPRESSION: ${findings.join(' ') || 'See results.'}`].join('\n') : null;
      ctx.emit('LAB_ORDER', {
        ORDER_ID: orderId, PAT_ID: ctx.patId, VISIT_ID: v.id, ORDERING_PROV_ID: rng.chance(0.97) ? v.provider.id : null,
        ORDER_CATEGORY: panel.category, PANEL_LOINC: panel.panelLoinc, PANEL_CPT: panel.cpt, PANEL_NAME: panel.name, ORDERED_AT: orderedAt,
        PRIORITY: cover.pickOr('LAB_ORDER.PRIORITY', ['R', 'S', 'A'], v.type === 'ER' || v.type === 'IP' ? 'S' : 'R'),
        SPECIMEN_TYPE: panel.specimen, SPECIMEN_ID: collectedAt && panel.specimen ? `${collectedAt.slice(2, 4)}-${rng.alnum(8)}` : null,
        COLLECTED_AT: collectedAt, RESULTED_AT: resultedAt, STATUS: status, PERFORMING_LAB: panel.performingLab, REPORT_TEXT: report,
        ...audit(ctx, orderedAt, { deleted, edits: status === 'O' ? 0 : 1, after: resultedAt ?? orderedAt }),
      });
      for (const r of results) ctx.emit('LAB_RESULT', r);
    }
  });
}
