// Patient update on PostgreSQL (issue 10).
import { writePatientSuite } from './support/write-patient-suite.js';

writePatientSuite('postgres');
