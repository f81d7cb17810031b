// Condition create and update on PostgreSQL (issue 10).
import { writeConditionSuite } from './support/write-condition-suite.js';

writeConditionSuite('postgres');
