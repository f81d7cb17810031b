import { usCoreSearchSuite } from './support/us-core-search-suite.js';

usCoreSearchSuite('sqlite');
