import { hashLegacyPassword } from '#facade/security';
import { demoPhone, FEMALE_FIRST, LAST_NAMES, MALE_FIRST, PLACES, STREETS } from '../content/people.js';
import type { FacilityRef, ProviderKind, ProviderRef, ReferenceData, RunContext } from '../context.js';
import { BULK_PBKDF2_ITERATIONS, DEMO_CREDENTIALS, DEMO_PASSWORD, DEMO_PBKDF2_ITERATIONS } from '../credentials.js';
import { npiFromBase } from '../identifiers.js';
import type { Rng } from '../random.js';
import { DEMO_TODAY, wallClock } from '../time.js';

const PRACTICES = [
  { name: 'Harbor Family Medicine', place: 0, area: '617', domain: 'harborfm.example.org' },
  { name: 'Riverside Pediatrics and Family Care', place: 4, area: '508', domain: 'riversidepfc.example.org' },
  { name: 'Ocean State Internal Medicine', place: 10, area: '401', domain: 'oceanstateim.example.org' },
  { name: 'Pioneer Valley Community Health', place: 5, area: '413', domain: 'pvch.example.org' },
];

/** Facilities per practice: practice 1 has every FAC_TYPE. */
const FACILITIES: readonly [number, string, string][] = [
  [1, 'CLINIC', 'Harbor Family Medicine - South End'], [1, 'HOSP', 'Harbor General Hospital'], [1, 'LAB', 'Harbor Family Medicine Laboratory'],
  [1, 'URGENT', 'Harbor Urgent Care - Dorchester'], [1, 'TELE', 'Harbor Virtual Care'], [1, 'CLINIC', 'Harbor Family Medicine - Quincy'],
  [2, 'CLINIC', 'Riverside Pediatrics - Main Street'], [2, 'URGENT', 'Riverside After-Hours Care'], [2, 'TELE', 'Riverside Telehealth'],
  [3, 'CLINIC', 'Ocean State Internal Medicine - Downcity'], [3, 'LAB', 'Ocean State Draw Station'], [3, 'HOSP', "Narragansett Bay Medical Center"],
  [4, 'CLINIC', 'Pioneer Valley Community Health - North End'],
];

interface ProviderSpec { kind: ProviderKind; credential: string; taxonomy: string; specialty: string; preferType?: string }
const STAFF: readonly ProviderSpec[] = [
  { kind: 'PCP', credential: 'MD', taxonomy: '207Q00000X', specialty: 'Family Medicine' },
  { kind: 'PCP', credential: 'DO', taxonomy: '207R00000X', specialty: 'Internal Medicine' },
  { kind: 'PCP', credential: 'NP', taxonomy: '363LF0000X', specialty: 'Nurse Practitioner, Family' },
  { kind: 'PCP', credential: 'PA', taxonomy: '363A00000X', specialty: 'Physician Assistant' },
  { kind: 'PEDS', credential: 'MD', taxonomy: '208000000X', specialty: 'Pediatrics' },
  { kind: 'SPEC', credential: 'MD', taxonomy: '207RC0000X', specialty: 'Cardiovascular Disease' },
  { kind: 'SPEC', credential: 'MD', taxonomy: '207RE0101X', specialty: 'Endocrinology, Diabetes and Metabolism' },
  { kind: 'SPEC', credential: 'MD', taxonomy: '207N00000X', specialty: 'Dermatology' },
  { kind: 'SPEC', credential: 'MD', taxonomy: '207X00000X', specialty: 'Orthopaedic Surgery', preferType: 'HOSP' },
  { kind: 'SPEC', credential: 'MD', taxonomy: '207V00000X', specialty: 'Obstetrics and Gynecology' },
  { kind: 'SPEC', credential: 'MD', taxonomy: '2084P0800X', specialty: 'Psychiatry' },
  { kind: 'ER', credential: 'MD', taxonomy: '207P00000X', specialty: 'Emergency Medicine', preferType: 'URGENT' },
  { kind: 'RAD', credential: 'MD', taxonomy: '2085R0202X', specialty: 'Diagnostic Radiology', preferType: 'HOSP' },
  { kind: 'NURSE', credential: 'RN', taxonomy: '163W00000X', specialty: 'Registered Nurse' },
  { kind: 'NURSE', credential: 'RN', taxonomy: '163W00000X', specialty: 'Registered Nurse' },
  { kind: 'CM', credential: 'RN', taxonomy: '171M00000X', specialty: 'Case Manager/Care Coordinator' },
  { kind: 'PHARM', credential: 'PharmD', taxonomy: '183500000X', specialty: 'Pharmacist' },
  { kind: 'SW', credential: 'LICSW', taxonomy: '1041C0700X', specialty: 'Social Worker, Clinical' },
  { kind: 'PT', credential: 'DPT', taxonomy: '225100000X', specialty: 'Physical Therapist' },
];

const PAYERS: readonly [string, string | null, string | null][] = [
  ['Aetna', '60054', 'COMM'], ['Blue Cross Blue Shield of Massachusetts', 'SB700', 'COMM'], ['UnitedHealthcare', '87726', 'COMM'],
  ['Cigna', '62308', 'COMM'], ['Medicare Part B (Jurisdiction K)', '14212', 'MCARE'], ['Humana Medicare Advantage', '61101', 'MCARE'],
  ['MassHealth (Massachusetts Medicaid)', 'DMA7384', 'MCAID'], ['Rhode Island Medicaid', 'RIMCD', 'MCAID'], ['Self-pay', null, 'SELF'],
  ["Workers' Compensation - Liberty Mutual", '33600', 'OTHER'], ['Legacy imported payer (unmapped)', null, null],
];

const hashFor = (rng: Rng, algo: 'SHA256' | 'PBKDF2', password: string, iterations: number) =>
  hashLegacyPassword(algo, password, algo === 'SHA256' ? { salt: rng.alnum(16).toLowerCase() } : { salt: Buffer.from(rng.alnum(16)), iterations });

/**
 * Writes the organisations, staff and payers: PRACTICE, FACILITY, PROVIDER, USERS (the demo logins first, then
 * users of every ROLE_CODE in every practice, including an inactive and a locked account) and PAYER.
 */
export function generateReference(run: RunContext, rng: Rng): ReferenceData {
  const created = wallClock(DEMO_TODAY - 3650, 8 * 60);
  const ref: ReferenceData = { practiceIds: [], facilities: [], providers: [], clinicalUsers: new Map(), payers: [] };
  PRACTICES.forEach((p, i) => {
    const id = run.ids.next('PRACTICE');
    const place = PLACES[p.place];
    ref.practiceIds.push(id);
    run.emit('PRACTICE', {
      PRACTICE_ID: id, PRACTICE_NAME: p.name, NPI: npiFromBase(`1${rng.digits(8)}`), TAX_ID: `${rng.int(10, 99)}-${rng.digits(7)}`,
      ADDR1: `${rng.int(10, 990)} ${rng.pick(STREETS)}`, ADDR2: i === 0 ? 'Suite 200' : null, CITY: place.city, STATE: place.state, ZIP: place.zip,
      PHONE: demoPhone(p.area, 10 + i), FAX: i === 3 ? null : demoPhone(p.area, 20 + i), EMAIL: `frontdesk@${p.domain}`,
      ACTIVE_YN: 'Y', CREATED_AT: created, UPDATED_AT: created, ROW_VER: 1,
    });
  });
  for (const [practiceId, type, name] of FACILITIES) {
    const id = run.ids.next('FACILITY');
    const place = PLACES[PRACTICES[practiceId - 1].place];
    const fac: FacilityRef = { id, practiceId, type, name };
    ref.facilities.push(fac);
    const edited = rng.chance(0.3);
    run.emit('FACILITY', {
      FACILITY_ID: id, PRACTICE_ID: practiceId, FAC_NAME: name, FAC_TYPE: type,
      ADDR1: type === 'TELE' ? null : `${rng.int(10, 990)} ${rng.pick(STREETS)}`, ADDR2: null,
      CITY: type === 'TELE' ? null : place.city, STATE: type === 'TELE' ? null : place.state, ZIP: type === 'TELE' ? null : place.zip,
      PHONE: demoPhone(PRACTICES[practiceId - 1].area, 30 + id),
      LATITUDE: type === 'TELE' ? null : Number((place.lat + rng.float(-0.02, 0.02, 6)).toFixed(6)),
      LONGITUDE: type === 'TELE' ? null : Number((place.lon + rng.float(-0.02, 0.02, 6)).toFixed(6)),
      ACTIVE_YN: 'Y',
      CREATED_AT: created, UPDATED_AT: edited ? wallClock(DEMO_TODAY - rng.int(30, 900), 9 * 60) : created, ROW_VER: edited ? 2 : 1,
    });
  }
  const usedLogins = new Set<string>();
  const emitUser = (practiceId: number, login: string, fullName: string, role: string, provId: number | null, algo: 'SHA256' | 'PBKDF2',
    opts: { password?: string; iterations?: number; active?: boolean; locked?: boolean } = {}) => {
    const id = run.ids.next('USERS');
    usedLogins.add(login.toLowerCase());
    const pwd = hashFor(rng, algo, opts.password ?? rng.alnum(14), opts.iterations ?? BULK_PBKDF2_ITERATIONS);
    const locked = opts.locked ?? false;
    const active = opts.active ?? true;
    run.emit('USERS', {
      USER_ID: id, PRACTICE_ID: practiceId, LOGIN_NAME: login, ...pwd, PROV_ID: provId, FULL_NAME: fullName, ROLE_CODE: role,
      ACTIVE_YN: active ? 'Y' : 'N', LOCKED_YN: locked ? 'Y' : 'N', FAILED_LOGINS: locked ? 5 : rng.chance(0.1) ? rng.int(1, 3) : 0,
      LAST_LOGIN_AT: active ? wallClock(DEMO_TODAY - rng.int(0, 20), rng.int(7 * 60, 18 * 60), rng.int(0, 59)) : null,
      CREATED_AT: created, UPDATED_AT: wallClock(DEMO_TODAY - rng.int(0, 60), 12 * 60), ROW_VER: rng.int(2, 40),
    });
    if (active && !locked && (role === 'PROV' || role === 'NURSE')) {
      const list = ref.clinicalUsers.get(practiceId) ?? [];
      list.push(id);
      ref.clinicalUsers.set(practiceId, list);
    }
    return id;
  };
  const uniqueLogin = (first: string, last: string) => {
    const base = `${first[0]}${last}`.toLowerCase().replace(/[^a-z]/g, '');
    let login = base;
    for (let n = 2; usedLogins.has(login); n++) login = `${base}${n}`;
    return login;
  };
  // Providers of every practice; the first one is the demo physician (PROV_ID 1).
  for (const practiceId of ref.practiceIds) {
    const facilities = ref.facilities.filter((f) => f.practiceId === practiceId);
    const staff = practiceId === 1 ? [...STAFF, STAFF[0], STAFF[4], STAFF[13]] : STAFF.filter((_, i) => i % (practiceId === 4 ? 3 : 1) === 0 || i === 13);
    staff.forEach((spec, i) => {
      const id = run.ids.next('PROVIDER');
      const isDemo = id === 1;
      const sex = isDemo ? 'F' : rng.chance(0.55) ? 'F' : 'M';
      const first = isDemo ? 'Dana' : rng.pick(sex === 'F' ? FEMALE_FIRST : MALE_FIRST);
      const last = isDemo ? 'Whitman' : rng.pick(LAST_NAMES);
      const facility = facilities.find((f) => f.type === spec.preferType) ?? facilities[0];
      const place = PLACES[PRACTICES[practiceId - 1].place];
      const provider: ProviderRef = { id, practiceId, facilityId: facility.id, kind: spec.kind, specialty: spec.specialty };
      ref.providers.push(provider);
      const noNpi = spec.credential === 'RN' && i % 2 === 1;
      run.emit('PROVIDER', {
        PROV_ID: id, PRACTICE_ID: practiceId, FACILITY_ID: i === 2 ? null : facility.id, NPI: noNpi ? null : npiFromBase(`1${rng.digits(8)}`),
        LAST_NAME: last, FIRST_NAME: first, MIDDLE_NAME: rng.chance(0.4) ? rng.pick(['A', 'J', 'M', 'R', 'Lee']) : null,
        SUFFIX: rng.chance(0.05) ? 'Jr' : null, CREDENTIAL: spec.credential, SEX: rng.chance(0.03) ? 'U' : sex, TAXONOMY_CODE: spec.taxonomy,
        SPECIALTY_DESC: spec.specialty, PHONE: demoPhone(PRACTICES[practiceId - 1].area, 40 + id), EMAIL: `${first[0].toLowerCase()}${last.toLowerCase().replace(/[^a-z]/g, '')}@${PRACTICES[practiceId - 1].domain}`,
        ADDR1: null, CITY: place.city, STATE: place.state, ZIP: place.zip, ACTIVE_YN: i === staff.length - 1 && practiceId === 3 ? 'N' : 'Y',
        CREATED_AT: created, UPDATED_AT: created, ROW_VER: 1,
      });
      if (isDemo) emitDemoUsers(emitUser, id);
      else if (spec.kind !== 'NURSE' && spec.kind !== 'CM') {
        emitUser(practiceId, uniqueLogin(first, last), `${first} ${last}, ${spec.credential}`, 'PROV', id, rng.chance(0.5) ? 'PBKDF2' : 'SHA256');
      } else {
        emitUser(practiceId, uniqueLogin(first, last), `${first} ${last}, ${spec.credential}`, 'NURSE', null, rng.chance(0.5) ? 'PBKDF2' : 'SHA256');
      }
    });
    for (const role of ['FRONT', 'FRONT', 'BILL', 'ADMIN'] as const) {
      const sex = rng.chance(0.6) ? 'F' : 'M';
      const first = rng.pick(sex === 'F' ? FEMALE_FIRST : MALE_FIRST);
      const last = rng.pick(LAST_NAMES);
      emitUser(practiceId, uniqueLogin(first, last), `${first} ${last}`, role, null, rng.chance(0.5) ? 'PBKDF2' : 'SHA256');
    }
  }
  for (const [name, code, type] of PAYERS) {
    const id = run.ids.next('PAYER');
    ref.payers.push({ id, type, name });
    run.emit('PAYER', {
      PAYER_ID: id, PAYER_NAME: name, PAYER_CODE: code, PAYER_TYPE: type, PHONE: code ? `800555${rng.digits(4)}` : null,
      ADDR1: code ? `PO Box ${rng.int(1000, 99999)}` : null, CITY: code ? 'Hartford' : null, STATE: code ? 'CT' : null, ZIP: code ? '06101' : null,
      ACTIVE_YN: type === null ? 'N' : 'Y', UPDATED_AT: created, ROW_VER: 1,
    });
  }
  return ref;
}

type EmitUser = (practiceId: number, login: string, fullName: string, role: string, provId: number | null, algo: 'SHA256' | 'PBKDF2',
  opts?: { password?: string; iterations?: number; active?: boolean; locked?: boolean }) => number;

/** The demo logins, USER_ID 1..7 in the order of {@link DEMO_CREDENTIALS}. */
function emitDemoUsers(emitUser: EmitUser, demoProvId: number): void {
  const names: Record<string, string> = {
    'dr.demo': 'Dana Whitman, MD', 'admin.demo': 'Alex Morgan', 'nurse.demo': 'Nora Quinn, RN', 'front.demo': 'Felix Ortega',
    'billing.demo': 'Beth Lindqvist', 'inactive.demo': 'Ivan Petrov, MD', 'locked.demo': 'Lena Brooks, RN',
  };
  for (const c of DEMO_CREDENTIALS.filter((d) => d.kind === 'ehr')) {
    const id = emitUser(1, c.login, names[c.login], c.roleCode, c.login === 'dr.demo' ? demoProvId : null, c.pwdAlgo, {
      password: DEMO_PASSWORD, iterations: DEMO_PBKDF2_ITERATIONS, active: c.login !== 'inactive.demo', locked: c.login === 'locked.demo',
    });
    if (id !== c.accountId) throw new Error(`Demo user ${c.login} got USER_ID ${id}, expected ${c.accountId}`);
  }
}
