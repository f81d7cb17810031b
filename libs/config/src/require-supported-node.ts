/**
 * Imported first by every process entry point (`apps/*\/src/main.ts`): stops with a clear message on a Node.js
 * release the product does not support, before any dependency is loaded (oidc-provider, for one, only warns).
 * `npm start` and `npm test` never get here on an old Node: `scripts/lts-node.mjs` runs them on Node 24.
 */
export const SUPPORTED_NODE_MAJORS = [22, 24] as const;

const major = Number(process.versions.node.split('.')[0]);
if (major < SUPPORTED_NODE_MAJORS[0]) {
  process.stderr.write(
    `Node.js ${process.versions.node} is not supported: this product runs on Node.js ${SUPPORTED_NODE_MAJORS.join(' or ')} (LTS).\n` +
      'Use `npm start` (it runs on Node 24 through scripts/lts-node.mjs) or install a supported Node.js.\n',
  );
  process.exit(1);
}
