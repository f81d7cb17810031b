// DocumentReference create on PostgreSQL (issue 10).
import { writeDocRefSuite } from './support/write-docref-suite.js';

writeDocRefSuite('postgres');
