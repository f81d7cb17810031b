import { hashLegacyPassword } from '#facade/security';
import { demoPhone, FEMALE_FIRST, LANGUAGES, LAST_NAMES, MALE_FIRST, MIDDLE_INITIAL_NAMES, PLACES, STREETS } from '../content/people.js';
import type { PatientContext } from '../context.js';
import { BULK_PBKDF2_ITERATIONS, DEMO_LOGINS, DEMO_PASSWORD, DEMO_PBKDF2_ITERATIONS } from '../credentials.js';
import { dateOf, DEMO_TODAY, wallClock } from '../time.js';
import { providersOf, type Chart } from './chart.js';
import type { PatientPlan } from './plan.js';

/** What the next patient may inherit from the previous one (household, proxy, merged duplicate). */
export interface PreviousPatient {
  patId: number;
  practiceId: number;
  firstName: string;
  lastName: string;
  sex: Chart['sex'];
  bioSex: Chart['bioSex'];
  birthDay: number;
  address: { addr1: string; city: string; state: string; zip: string; county: string; phone: string };
  portalId: number | null;
}

const DEMO_PEOPLE = {
  parent: { first: 'Jordan', last: 'Rivera', sex: 'F' as const, age: 38 },
  child: { first: 'Mia', last: 'Rivera', sex: 'F' as const, age: 7 },
  patient: { first: 'Eleanor', last: 'Whitfield', sex: 'F' as const, age: 68 },
};

const RACES = ['2106-3', '2054-5', '2028-9', '1002-5', '2076-8', '2131-1', 'ASKU', 'UNK', '2029-7', '2047-9'];
const ETHNICITIES = ['2186-5', '2135-2', 'ASKU', 'UNK'];

function ageFor(plan: PatientPlan, ctx: PatientContext): number {
  const { rng } = ctx;
  switch (plan.ageBand) {
    case 'infant': return 0;
    case 'child': return rng.int(2, 17);
    case 'adult': return rng.int(26, 55);
    case 'elderly': return rng.int(68, 94);
    default: return rng.weighted([[rng.int(0, 17), 20], [rng.int(18, 64), 55], [rng.int(65, 99), 25]]);
  }
}

/**
 * Writes PATIENT, PATIENT_RACE, PAT_CONTACT, PORTAL_ACCOUNT, PORTAL_PROXY and PAT_INSURANCE for one patient and
 * returns the chart the clinical generators build on.
 */
export function generateDemographics(ctx: PatientContext, plan: PatientPlan, prev: PreviousPatient | null): { chart: Chart; portalId: number | null; address: PreviousPatient['address'] } {
  const { rng, cover } = ctx;
  const demo = plan.demo ? DEMO_PEOPLE[plan.demo] : null;
  const dup = plan.mergedIntoPrevious && prev ? prev : null;
  const bioSex: 'M' | 'F' = dup?.bioSex ?? demo?.sex ?? (rng.chance(0.52) ? 'F' : 'M');
  const age = demo?.age ?? ageFor(plan, ctx);
  const birthDay = dup?.birthDay ?? (plan.ageBand === 'infant' ? DEMO_TODAY - rng.int(20, 700) : DEMO_TODAY - Math.floor(age * 365.25) - rng.int(0, 364));
  const adult = DEMO_TODAY - birthDay >= 18 * 365.25;
  const sex: Chart['sex'] = dup?.sex ?? demo?.sex ?? (adult ? cover.pickOr('PATIENT.SEX', ['U', 'O'], bioSex) : bioSex);
  const household = plan.household && prev ? prev : null;
  const lastName = dup?.lastName ?? demo?.last ?? household?.lastName ?? rng.pick(LAST_NAMES);
  const firstName = dup?.firstName ?? demo?.first ?? rng.pick(bioSex === 'F' ? FEMALE_FIRST : MALE_FIRST);
  const place = rng.pick(PLACES);
  const address = household?.address ?? dup?.address ?? {
    addr1: `${rng.int(1, 999)} ${rng.pick(STREETS)}`, city: place.city, state: place.state, zip: place.zip, county: place.county,
    phone: demoPhone(place.state === 'RI' ? '401' : '617', rng.int(0, 99)),
  };
  const deceasedDay = plan.deceased ? DEMO_TODAY - rng.int(20, 400) : null;
  const lastDay = plan.inactive && !dup ? DEMO_TODAY - rng.int(200, 700) : deceasedDay ?? DEMO_TODAY;
  const firstDay = plan.demo ? Math.max(birthDay, DEMO_TODAY - 6 * 365) : Math.max(birthDay, lastDay - rng.int(1, 7) * 365 - rng.int(0, 300));
  const createdAt = wallClock(dup ? lastDay - rng.int(30, 90) : firstDay, rng.int(8 * 60, 17 * 60), rng.int(0, 59));
  const pcp = rng.pick(providersOf({ ctx } as Chart, adult ? 'PCP' : 'PEDS'));
  const other = bioSex === 'F' ? 'TM' : 'TF';
  const gi: string | null = adult && !plan.demo
    ? cover.pickOr('GENDER_IDENTITY', [bioSex, other, 'NB', 'OTH', 'ASKU'], rng.weighted<string | null>([[bioSex, 70], [null, 25], ['ASKU', 3], ['NB', 1], [other, 1]]))
    : adult ? bioSex : null;
  const pat = {
    PAT_ID: ctx.patId, PRACTICE_ID: ctx.practiceId, MRN: `${ctx.practiceId}${String(ctx.patId).padStart(7, '0')}`,
    LAST_NAME: lastName, FIRST_NAME: firstName,
    MIDDLE_NAME: rng.chance(0.45) ? rng.pick(MIDDLE_INITIAL_NAMES) : null,
    NAME_PREFIX: adult && rng.chance(0.08) ? (bioSex === 'F' ? 'Ms.' : 'Mr.') : null,
    NAME_SUFFIX: bioSex === 'M' && adult && rng.chance(0.05) ? rng.pick(['Jr.', 'Sr.', 'III']) : null,
    PREFERRED_NAME: rng.chance(0.07) ? rng.pick(['Liz', 'Bobby', 'Kate', 'Tony', 'Sam', 'Alex', 'Chris']) : null,
    PREV_LAST_NAME: adult && bioSex === 'F' && rng.chance(0.12) ? rng.pick(LAST_NAMES) : null,
    DOB: dateOf(birthDay), SEX: sex,
    BIRTH_SEX: cover.pickOr<string | null>('BIRTH_SEX', ['U'], rng.chance(0.2) ? null : bioSex),
    GENDER_IDENTITY: gi,
    SSN: rng.chance(0.8) ? `${rng.int(100, 665)}-${rng.digits(2).replace('00', '12')}-${rng.digits(4).replace('0000', '1234')}` : null,
    ADDR1: address.addr1, ADDR2: rng.chance(0.15) ? `Apt ${rng.int(1, 40)}` : null, CITY: address.city, STATE: address.state, ZIP: address.zip,
    COUNTY: rng.chance(0.7) ? address.county : null,
    HOME_PHONE: rng.chance(0.5) ? address.phone : null, CELL_PHONE: rng.chance(0.85) ? demoPhone('857', rng.int(0, 99)) : null,
    WORK_PHONE: adult && rng.chance(0.15) ? demoPhone('781', rng.int(0, 99)) : null,
    EMAIL: adult && rng.chance(0.7) ? `${firstName.toLowerCase().replace(/[^a-z]/g, '')}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}${rng.int(1, 99)}@example.com` : null,
    MARITAL_STATUS: adult ? cover.pickOr<string | null>('MARITAL_STATUS', ['S', 'M', 'D', 'W', 'L', 'U'], rng.weighted<string | null>([['M', 45], ['S', 30], ['D', 10], ['W', DEMO_TODAY - birthDay > 60 * 365 ? 12 : 1], [null, 5]])) : rng.chance(0.5) ? 'S' : null,
    LANGUAGE_CODE: rng.chance(0.95) ? rng.weighted(LANGUAGES) : null,
    ETHNICITY_CODE: cover.pickOr<string | null>('ETHNICITY_CODE', ETHNICITIES, rng.weighted<string | null>([['2186-5', 75], ['2135-2', 17], ['ASKU', 2], ['UNK', 1], [null, 5]])),
    DECEASED_YN: plan.deceased ? 'Y' : 'N',
    DECEASED_DATE: plan.deceased === 'with-date' && deceasedDay !== null ? wallClock(deceasedDay, rng.int(0, 1439)) : null as string | null,
    PCP_PROV_ID: plan.demo ? 1 : rng.chance(0.9) ? pcp.id : null,
    INACTIVE_YN: plan.inactive ? 'Y' : 'N', MERGED_INTO_PAT_ID: dup ? dup.patId : null,
    CREATED_AT: createdAt, CREATED_BY: rng.chance(0.1) ? null : rng.pick(ctx.users),
    UPDATED_AT: createdAt, UPDATED_BY: null as number | null, ROW_VER: 1,
  };
  if (plan.deceased || plan.inactive || dup || rng.chance(0.3)) {
    pat.ROW_VER = rng.int(2, 6);
    pat.UPDATED_AT = wallClock(Math.max(lastDay, DEMO_TODAY - rng.int(0, 30)), rng.int(8 * 60, 17 * 60));
    pat.UPDATED_BY = rng.pick(ctx.users);
  }
  ctx.emit('PATIENT', pat);
  const races = rng.chance(0.08) ? rng.sample(RACES.slice(0, 6), 2)
    : [cover.pickOr('RACE_CODE', RACES, rng.weighted([['2106-3', 62], ['2054-5', 13], ['2028-9', 8], ['2131-1', 8], ['1002-5', 1], ['2076-8', 1], ['2029-7', 2], ['2047-9', 2], ['ASKU', 2], ['UNK', 1]]))];
  races.forEach((code, i) => ctx.emit('PATIENT_RACE', { PAT_ID: ctx.patId, RACE_CODE: code, SEQ: i + 1 }));

  const chart: Chart = {
    ctx, firstName, lastName, sex: pat.SEX as Chart['sex'], bioSex, birthDay, lastDay, firstDay,
    deceased: plan.deceased ? { at: pat.DECEASED_DATE } : null,
    merged: Boolean(dup), inactive: plan.inactive, pcp: plan.demo ? ctx.ref.providers[0] : pcp, chronic: [], visits: [], contacts: [],
    dstVisit: plan.dstVisit,
  };
  generateContacts(chart, household, adult);
  const portalId = plan.portal ? generatePortal(chart, plan, pat.EMAIL) : null;
  if (plan.proxyRelations && prev?.portalId) {
    const relation = plan.demo ? 'MTH' : cover.pick(rng, 'PORTAL_PROXY.RELATION_CODE', plan.proxyRelations);
    ctx.emit('PORTAL_PROXY', {
      PORTAL_ID: prev.portalId, PAT_ID: ctx.patId, RELATION_CODE: relation, START_DATE: dateOf(Math.max(birthDay, firstDay)),
      END_DATE: !plan.demo && rng.chance(0.1) ? dateOf(DEMO_TODAY - rng.int(1, 100)) : null,
    });
  }
  generateInsurance(chart, adult, household);
  return { chart, portalId, address };
}

function generateContacts(chart: Chart, household: PreviousPatient | null, adult: boolean): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const relations = adult ? [cover.pick(rng, 'PAT_CONTACT.RELATION_CODE', ['SPS', 'DOMP', 'CHILD', 'SIB', 'EMC', 'FRND', 'OTH', 'GRD', 'MTH', 'FTH'])] : ['MTH', 'FTH'];
  if (adult && rng.chance(0.4)) relations.push(rng.pick(['CHILD', 'SIB', 'FRND']));
  if (!adult && rng.chance(0.1)) relations.splice(0, 2, 'GRD');
  relations.forEach((relation, i) => {
    const id = ctx.ids.next('PAT_CONTACT');
    const female = relation === 'MTH' || (relation !== 'FTH' && rng.chance(0.5));
    const first = household && i === 0 && !adult ? household.firstName : rng.pick(female ? FEMALE_FIRST : MALE_FIRST);
    const last = ['MTH', 'FTH', 'SPS', 'CHILD', 'SIB'].includes(relation) ? chart.lastName : rng.pick(LAST_NAMES);
    chart.contacts.push({ id, relation, name: `${first} ${last}` });
    ctx.emit('PAT_CONTACT', {
      CONTACT_ID: id, PAT_ID: ctx.patId, RELATION_CODE: relation, LAST_NAME: last, FIRST_NAME: rng.chance(0.97) ? first : null,
      PHONE: rng.chance(0.9) ? demoPhone('617', rng.int(0, 99)) : null, EMAIL: rng.chance(0.3) ? `${first.toLowerCase().replace(/[^a-z]/g, '')}@example.net` : null,
      ...contactAddress(rng.chance(0.4) ? rng.pick(PLACES) : null, `${rng.int(1, 999)} ${rng.pick(STREETS)}`),
      IS_EMERGENCY_YN: i === 0 ? 'Y' : 'N', IS_GUARDIAN_YN: !adult || relation === 'GRD' ? 'Y' : 'N', ACTIVE_YN: rng.chance(0.95) ? 'Y' : 'N',
      UPDATED_AT: wallClock(chart.firstDay, 10 * 60), ROW_VER: 1,
    });
  });
}

function contactAddress(place: (typeof PLACES)[number] | null, street: string) {
  return { ADDR1: place ? street : null, CITY: place?.city ?? null, STATE: place?.state ?? null, ZIP: place?.zip ?? null };
}

function generatePortal(chart: Chart, plan: PatientPlan, email: string | null): number {
  const { ctx } = chart;
  const { rng } = ctx;
  const id = ctx.ids.next('PORTAL_ACCOUNT');
  const demo = plan.demo === 'parent' ? DEMO_LOGINS.proxyParent : plan.demo === 'patient' ? DEMO_LOGINS.patient : null;
  if (demo && demo.accountId !== id) throw new Error(`Demo portal account ${demo.login} got PORTAL_ID ${id}, expected ${demo.accountId}`);
  const algo = demo?.pwdAlgo ?? ctx.cover.pick(rng, 'PORTAL.PWD_ALGO', ['SHA256', 'PBKDF2'] as const);
  const pwd = hashLegacyPassword(algo, demo ? DEMO_PASSWORD : rng.alnum(14), algo === 'SHA256'
    ? { salt: rng.alnum(16).toLowerCase() } : { salt: Buffer.from(rng.alnum(16)), iterations: demo ? DEMO_PBKDF2_ITERATIONS : BULK_PBKDF2_ITERATIONS });
  const locked = !demo && rng.chance(0.03);
  const created = wallClock(Math.min(DEMO_TODAY, chart.firstDay + rng.int(0, 200)), rng.int(0, 1439));
  ctx.emit('PORTAL_ACCOUNT', {
    PORTAL_ID: id, USERNAME: demo?.login ?? `${chart.firstName}.${chart.lastName}${ctx.patId}`.toLowerCase().replace(/[^a-z0-9.]/g, ''),
    ...pwd, PAT_ID: ctx.patId, EMAIL: email, ACTIVE_YN: !demo && rng.chance(0.03) ? 'N' : 'Y', LOCKED_YN: locked ? 'Y' : 'N',
    FAILED_LOGINS: locked ? 5 : 0, LAST_LOGIN_AT: rng.chance(0.8) ? wallClock(DEMO_TODAY - rng.int(0, 120), rng.int(0, 1439)) : null,
    CREATED_AT: created, UPDATED_AT: created, ROW_VER: 1,
  });
  return id;
}

function generateInsurance(chart: Chart, adult: boolean, household: PreviousPatient | null): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const payersOf = (type: string | null) => ctx.ref.payers.filter((p) => p.type === type);
  const age = (DEMO_TODAY - chart.birthDay) / 365.25;
  const type = cover.pick(rng, 'PAYER_TYPE', age >= 65 ? ['MCARE'] : adult ? ['COMM', 'MCAID', 'SELF', 'COMM'] : ['COMM', 'MCAID']);
  const rel = type !== 'COMM' ? 'SELF'
    : adult ? cover.pick(rng, 'SUBSCRIBER_REL', ['SELF', 'SPS', 'OTHER', 'SELF', 'SELF']) : household || rng.chance(0.8) ? 'CHILD' : 'OTHER';
  const policies: { payer: { id: number; type: string | null; name: string }; rel: string; end: number | null }[] = [{ payer: rng.pick(payersOf(type)), rel, end: null }];
  if (age >= 65 && rng.chance(0.5)) policies.push({ payer: rng.pick(payersOf('COMM')), rel: 'SELF', end: null });
  if (adult && age < 65 && rng.chance(0.05)) policies.push({ payer: rng.pick(payersOf('OTHER')), rel: 'SELF', end: null });
  if (rng.chance(0.2)) policies.push({ payer: rng.pick([...payersOf(null), ...payersOf('COMM')]), rel: 'SELF', end: DEMO_TODAY - rng.int(200, 900) });
  policies.forEach((p, i) => {
    const deleted = ctx.index % 50 === 8 && i === 0 ? true : ctx.index >= 3 && rng.chance(0.01);
    ctx.emit('PAT_INSURANCE', {
      INS_ID: ctx.ids.next('PAT_INSURANCE'), PAT_ID: ctx.patId, PAYER_ID: p.payer.id, PRIORITY: p.end ? 1 : i + 1,
      MEMBER_ID: `${p.payer.name.slice(0, 1)}${rng.alnum(9)}`, GROUP_NO: p.payer.type === 'COMM' ? rng.digits(6) : null,
      PLAN_NAME: p.payer.type === 'COMM' ? rng.pick(['PPO Choice', 'HMO Blue', 'Open Access Plus', 'Choice Plus']) : p.payer.type === 'MCARE' ? 'Medicare Part B' : null,
      SUBSCRIBER_REL: p.rel, SUBSCRIBER_NAME: p.rel === 'SELF' ? `${chart.firstName} ${chart.lastName}` : p.rel === 'CHILD' && household ? `${household.firstName} ${household.lastName}` : `${rng.pick(FEMALE_FIRST)} ${chart.lastName}`,
      START_DATE: rng.chance(0.9) ? dateOf(Math.max(chart.birthDay, (p.end ?? DEMO_TODAY) - rng.int(300, 2000))) : null,
      END_DATE: p.end !== null ? dateOf(p.end) : null, DELETED_YN: deleted ? 'Y' : 'N',
      UPDATED_AT: wallClock(Math.min(DEMO_TODAY, chart.firstDay + 1), 11 * 60), ROW_VER: deleted ? 2 : 1,
    });
  });
}
