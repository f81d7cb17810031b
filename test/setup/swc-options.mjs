/** The @swc/core options the tests compile TypeScript with: jest's transform (jest.config.js) and the worker-thread loader (ts-thread-loader.mjs). */
export const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};
