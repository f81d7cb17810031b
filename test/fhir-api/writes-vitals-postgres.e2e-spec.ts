// Vital-sign create on PostgreSQL (issue 10).
import { writeVitalsSuite } from './support/write-vitals-suite.js';

writeVitalsSuite('postgres');
