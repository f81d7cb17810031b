// The US Core search suite against PostgreSQL (case-sensitive LIKE, TIMESTAMP/DATE types, pg placeholders).
import { usCoreSearchSuite } from './support/us-core-search-suite.js';

usCoreSearchSuite('postgres');
