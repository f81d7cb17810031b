// Vital-sign create on SQLite (issue 10).
import { writeVitalsSuite } from './support/write-vitals-suite.js';

writeVitalsSuite('sqlite');
