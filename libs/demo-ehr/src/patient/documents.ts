import { makeCcda, makePdf, renderNote, sha1Hex } from '../content/files.js';
import { audit, shouldDelete } from '../context.js';
import { addMinutes, dateOf, DEMO_TODAY, wallClock } from '../time.js';
import { ageAt, clinicalVisits, type Chart, type VisitInfo } from './chart.js';
import { fillsEveryTable } from './plan.js';

/** Signature time: some minutes after writing, but never after the end of the data's "today". */
function signedAt(created: string, minutes: number): string {
  const at = addMinutes(created, minutes);
  const todayEnd = wallClock(DEMO_TODAY, 23 * 60 + 59);
  return at > todayEnd && created <= todayEnd ? todayEnd : at;
}

const NOTE_TYPES = ['PN', 'HP', 'CN', 'DS', 'PROC', 'IMG', 'LAB', 'PATH', 'ED', 'NURS'];
const TITLES: Record<string, string> = {
  PN: 'Progress note', HP: 'History and physical', CN: 'Consultation note', DS: 'Discharge summary', PROC: 'Procedure note',
  IMG: 'Imaging narrative', LAB: 'Laboratory narrative', PATH: 'Pathology report', ED: 'Emergency department note', NURS: 'Nursing note',
};

function noteTypesFor(v: VisitInfo): string[] {
  switch (v.type) {
    case 'IP': return ['HP', 'DS'];
    case 'ER': return ['ED'];
    case 'PROC': return ['PROC'];
    case 'WELL': case 'NEWPT': return ['HP'];
    case 'HH': return ['NURS'];
    default: return [v.provider.kind === 'SPEC' ? 'CN' : 'PN'];
  }
}

/** Writes CLINICAL_NOTE rows for the visits (every NOTE_TYPE and NOTE_FORMAT, drafts, amended notes). */
export function generateNotes(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const visits = clinicalVisits(chart);
  visits.forEach((v, vi) => {
    const types = noteTypesFor(v);
    if (vi === visits.length - 1 && ctx.index >= 3) {
      const missing = NOTE_TYPES.find((t) => cover.missing('NOTE_TYPE', t));
      if (missing && !types.includes(missing)) types.push(missing);
    }
    for (const type of types) {
      cover.note('NOTE_TYPE', type);
      const format = cover.pickOr('NOTE_FORMAT', ['TXT', 'HTML', 'RTF'], rng.weighted([['TXT', 70], ['HTML', 25], ['RTF', 5]]));
      const dx = v.diagnoses.map((d) => `${d.description} (${d.icd10.length > 3 ? `${d.icd10.slice(0, 3)}.${d.icd10.slice(3)}` : d.icd10})`).join('; ') || 'No diagnosis recorded';
      const age = ageAt(chart, v.day);
      const sections: [string, string][] = [
        ['Subjective', `${age}-year-old ${chart.bioSex === 'F' ? 'female' : 'male'} seen for ${v.diagnoses[0]?.description.toLowerCase() ?? 'follow-up'}.`],
        ['Objective', type === 'NURS' ? 'Vital signs obtained and recorded. Medications reconciled with the patient.' : 'Alert, in no acute distress. Examination as documented in the flowsheets.'],
        ['Assessment', dx],
        ['Plan', type === 'DS' ? `Discharged ${rng.pick(['home with follow-up in 1 week', 'to skilled nursing facility'])}. Medications reconciled.` : `Continue current management. Return in ${rng.pick([2, 4, 12, 26])} weeks or sooner if symptoms worsen.`],
      ];
      const created = type === 'DS' && v.end ? v.end : addMinutes(v.start, rng.int(15, 90));
      const recent = v.day >= DEMO_TODAY - 1;
      const signed = ctx.index < 3 ? !recent : cover.pickOr('SIGNED_YN', ['Y', 'N'], recent || rng.chance(0.03) ? 'N' : 'Y') === 'Y';
      const amended = signed && ctx.index >= 3 && cover.pickOr('AMENDED_YN', ['N', 'Y'], rng.chance(0.05) ? 'Y' : 'N') === 'Y';
      const text = renderNote(format, TITLES[type], amended ? [...sections, ['Addendum', 'Corrected medication dose after pharmacy review.']] : sections);
      ctx.emit('CLINICAL_NOTE', {
        NOTE_ID: ctx.ids.next('CLINICAL_NOTE'), PAT_ID: ctx.patId, VISIT_ID: v.id, AUTHOR_PROV_ID: v.provider.id, NOTE_TYPE: type,
        NOTE_TITLE: rng.chance(0.95) ? TITLES[type] : null, NOTE_FORMAT: format, NOTE_TEXT: text, SIGNED_YN: signed ? 'Y' : 'N',
        SIGNED_AT: signed ? signedAt(created, rng.int(10, 600)) : null, SIGNED_BY_PROV_ID: signed ? v.provider.id : null,
        AMENDED_YN: amended ? 'Y' : 'N',
        ...audit(ctx, created, { deleted: shouldDelete(ctx, 'CLINICAL_NOTE') || v.deleted, edits: signed ? (amended ? 2 : 1) : 0, after: created }),
      });
    }
  });
}

const DOC_CATEGORIES = ['LAB', 'RAD', 'CONSULT', 'CCDA', 'CONSENT', 'INS', 'OTHER'];
const DOC_LOINC: Record<string, string | null> = {
  LAB: '11502-2', RAD: '18748-4', CONSULT: '11488-4', CCDA: '34133-9', CONSENT: '59284-0', INS: '64290-0', OTHER: null,
};

/** Writes DOCUMENT rows: small real files (PDF, plain text, C-CDA XML) with their exact size and SHA-1. */
export function generateDocuments(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  if (chart.merged) return;
  const visits = clinicalVisits(chart);
  if (!visits.length) return;
  const count = ctx.index < 3 ? 3 : Math.max(fillsEveryTable(ctx.index) ? 1 : 0, rng.weighted([[0, 40], [1, 35], [2, 20], [3, 5]]));
  for (let i = 0; i < count; i++) {
    const v = rng.pick(visits);
    const category = ctx.index < 3 ? ['CCDA', 'CONSENT', 'LAB'][i] : cover.pick(rng, 'DOC_CATEGORY', DOC_CATEGORIES);
    const name = `${chart.firstName} ${chart.lastName}`;
    const date = v.start.slice(0, 10);
    let title: string;
    let mime: string;
    let content: Buffer;
    switch (category) {
      case 'CCDA':
        title = 'Continuity of Care Document';
        mime = 'application/xml';
        content = makeCcda({
          docId: `CCD-${ctx.patId}-${i}`, effective: v.start.replace(/[-T:]/g, ''),
          patient: { mrn: String(ctx.patId), given: chart.firstName, family: chart.lastName, sex: chart.bioSex, birthDate: dateOf(chart.birthDay).replace(/-/g, '') },
          author: 'Harbor Family Medicine', problems: chart.chronic.map((c) => c.def.description),
          medications: chart.chronic.flatMap((c) => c.def.meds.slice(0, 1)), allergies: [],
        });
        break;
      case 'OTHER':
        title = 'Patient-submitted home blood pressure log';
        mime = 'text/plain';
        content = Buffer.from(`Home blood pressure log - ${name}\n${[0, 1, 2, 3].map((d) => `Day ${d + 1}: ${rng.int(112, 150)}/${rng.int(68, 95)}`).join('\n')}\n`, 'utf8');
        break;
      default: {
        const titles: Record<string, string> = { LAB: 'Outside laboratory report', RAD: 'Outside imaging report', CONSULT: 'Consultation letter', CONSENT: 'Consent to treat and HIPAA acknowledgement', INS: 'Insurance card (front and back)' };
        title = titles[category];
        mime = 'application/pdf';
        content = makePdf(title, [`Patient: ${name}`, `Date: ${date}`, category === 'CONSENT' ? 'Signed by the patient or legal guardian.' : 'Scanned document received by fax.']);
      }
    }
    const created = addMinutes(v.start, rng.int(30, 60 * 24 * 3));
    ctx.emit('DOCUMENT', {
      DOC_ID: ctx.ids.next('DOCUMENT'), PAT_ID: ctx.patId, VISIT_ID: rng.chance(0.8) ? v.id : null, DOC_CATEGORY: category,
      LOINC_TYPE: DOC_LOINC[category], TITLE: title, MIME_TYPE: mime, CONTENT: content, SIZE_BYTES: content.length, SHA1_HEX: sha1Hex(content),
      DOC_DATE: v.start, AUTHOR_PROV_ID: category === 'CONSENT' || category === 'INS' ? null : v.provider.id,
      ...audit(ctx, created > v.start ? created : v.start, { deleted: shouldDelete(ctx, 'DOCUMENT') }),
    });
  }
}
