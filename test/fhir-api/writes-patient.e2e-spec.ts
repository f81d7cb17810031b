// Patient update on SQLite (issue 10).
import { writePatientSuite } from './support/write-patient-suite.js';

writePatientSuite('sqlite');
