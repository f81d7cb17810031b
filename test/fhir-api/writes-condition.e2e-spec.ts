// Condition create and update on SQLite (issue 10).
import { writeConditionSuite } from './support/write-condition-suite.js';

writeConditionSuite('sqlite');
