export { generateDemoEhr, DemoEhrError, MAX_DEMO_PATIENTS, type DemoEhrOptions, type DemoSummary } from './generate-demo-ehr.js';
export { DEMO_CREDENTIALS, DEMO_LOGINS, DEMO_PASSWORD, DEMO_PATIENT_IDS, type DemoCredential } from './credentials.js';
export { isValidNpi, parseGs1Udi, gtinCheckDigit, type Gs1UdiParts } from './identifiers.js';
