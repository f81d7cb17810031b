/** jest in native ESM mode with @swc/jest (see docs/STACK notes in README). */
import { swcOptions as swc } from './test/setup/swc-options.mjs';

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  // Package imports (`#facade/<lib>`, package.json "imports"): jest runs the TypeScript sources, so the mapping is
  // that of the "types" condition (node, running dist/, takes the "default" one).
  moduleNameMapper: {
    '^#facade/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^#facade/(.+)\\.js$': '<rootDir>/libs/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  setupFiles: ['<rootDir>/test/setup/env.ts'],
  testTimeout: 60000,
};
