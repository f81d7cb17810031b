/**
 * Search values taken from a returned resource, the way the ONC (g)(10) kit builds its queries: token values
 * code-only and `system|code`, references `Type/id` and `id`, dates with each comparator around the resource's
 * own value. Returns undefined when the resource has no value for the parameter.
 */
type R = Record<string, any>;

const coding = (cc: R | undefined) => cc?.coding?.find((c: R) => c.code);
const token = (c: R | undefined) => (c?.code ? [c.code, `${c.system}|${c.code}`] : undefined);
const ref = (r: R | undefined) => (r?.reference ? [r.reference, r.reference.split('/')[1]] : undefined);
const shiftDay = (iso: string, days: number) => new Date(Date.parse(iso.length === 10 ? `${iso}T12:00:00Z` : iso) + days * 86_400_000).toISOString().slice(0, 10);

/** Each FHIR date comparator around a value that the resource must satisfy. */
export function dateVariants(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const day = value.slice(0, 10);
  return [value, day, `ge${day}`, `le${value}`, `gt${shiftDay(value, -2)}`, `lt${shiftDay(value, 2)}`, `sa${shiftDay(value, -2)}`, `eb${shiftDay(value, 2)}`, `ap${day}`, `ne${shiftDay(value, -400)}`];
}

const DATE_PATH: Record<string, (r: R) => string | undefined> = {
  Observation: (r) => r.effectiveDateTime ?? r.effectivePeriod?.start,
  Encounter: (r) => r.period?.start,
  DiagnosticReport: (r) => r.effectiveDateTime,
  Immunization: (r) => r.occurrenceDateTime,
  Procedure: (r) => r.performedDateTime ?? r.performedPeriod?.start,
  CarePlan: (r) => r.period?.start,
  DocumentReference: (r) => r.date,
};

/** Query values of `param` for resource `r` (of type `type`), or undefined if the resource has none; throws for a parameter it does not know. */
export function searchValues(type: string, param: string, r: R, patientId: string): string[] | undefined {
  switch (param) {
    case '_id':
      return [r.id];
    case '_lastUpdated':
      return dateVariants(r.meta?.lastUpdated);
    case 'patient':
      return [`Patient/${patientId}`, patientId];
    case 'category':
      return token(coding(Array.isArray(r.category) ? r.category[0] : r.category));
    case 'code':
      return token(coding(r.code));
    case 'status':
      return r.status ? [r.status] : undefined;
    case 'intent':
      return r.intent ? [r.intent, `http://hl7.org/fhir/CodeSystem/medicationrequest-intent|${r.intent}`] : undefined;
    case 'authoredon':
      return dateVariants(r.authoredOn);
    case 'clinical-status':
      return token(coding(r.clinicalStatus));
    case 'encounter':
      return ref(r.encounter);
    case 'date':
      return dateVariants(DATE_PATH[type]?.(r));
    case 'onset-date':
      return dateVariants(r.onsetDateTime);
    case 'abatement-date':
      return dateVariants(r.abatementDateTime);
    case 'recorded-date':
      return dateVariants(r.recordedDate);
    case 'type':
      return token(coding(Array.isArray(r.type) ? r.type[0] : r.type));
    // Care types (issue 8, branch i8-care).
    case 'lifecycle-status':
      return r.lifecycleStatus ? [r.lifecycleStatus] : undefined;
    case 'target-date':
      return dateVariants(r.target?.[0]?.dueDate);
    case 'description':
      return token(coding(r.description));
    case 'role':
      return token(coding(r.participant?.[0]?.role?.[0]));
    case 'authored':
      // QuestionnaireResponse.authored, ServiceRequest.authoredOn
      return dateVariants(r.authored ?? r.authoredOn);
    case 'period':
      return dateVariants(r.context?.period?.start);
    case 'questionnaire':
      // A canonical: the URL as the resource carries it (what the ONC kit sends), and the form code as a plain id.
      return r.questionnaire ? [r.questionnaire, r.questionnaire.split('/').pop()] : undefined;
    case 'class':
      return token(r.class);
    case 'location':
      return ref(r.location?.[0]?.location);
    case 'discharge-disposition':
      return token(coding(r.hospitalization?.dischargeDisposition));
    case 'identifier': {
      const id = r.identifier?.find((i: R) => i.value);
      return id ? [id.value, `${id.system}|${id.value}`] : undefined;
    }
    case 'name':
      return r.name?.[0]?.family ? [r.name[0].family, r.name[0].family.slice(0, 3).toLowerCase()] : typeof r.name === 'string' ? [r.name, r.name.slice(0, 4)] : undefined;
    case 'family':
      return r.name?.[0]?.family ? [r.name[0].family.toUpperCase()] : undefined;
    case 'birthdate':
      return dateVariants(r.birthDate);
    case 'death-date':
      return dateVariants(r.deceasedDateTime);
    case 'gender':
      return r.gender ? [r.gender] : undefined;
    case 'specialty':
      return token(coding(r.specialty?.[0]));
    case 'practitioner':
      return ref(r.practitioner);
    case 'address':
      return r.address?.[0]?.city ? [r.address[0].city, r.address[0].line?.[0]?.slice(0, 4)].filter(Boolean) : undefined;
    case 'address-city':
      return r.address?.city ?? r.address?.[0]?.city ? [r.address.city ?? r.address[0].city] : undefined;
    case 'address-state':
      return r.address?.state ? [r.address.state] : undefined;
    case 'address-postalcode':
      return r.address?.postalCode ? [r.address.postalCode] : undefined;
    default:
      // A parameter without an extractor would silently never be tested: add it above.
      throw new Error(`us-core-search-values.ts has no value extractor for ${type}.${param}`);
  }
}
