// Create and update on SQLite (issue 10).
import { writeSuite } from './support/write-suite.js';

writeSuite('sqlite');
