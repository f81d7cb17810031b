// DocumentReference create on SQLite (issue 10).
import { writeDocRefSuite } from './support/write-docref-suite.js';

writeDocRefSuite('sqlite');
