// Create and update on PostgreSQL (issue 10): real concurrency for the If-Match race.
import { writeSuite } from './support/write-suite.js';

writeSuite('postgres');
