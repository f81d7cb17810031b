export * from './ddl/ddl-parser.js';
export * from './ddl/render-ddl.js';
export * from './ddl/vendored-schema.js';
export * from './catalogue/define-table.js';
export * from './catalogue/entity-schemas.js';
export * from './entities/index.js';
export * from './datasource/legacy-data-source.js';
export * from './time/db-values.js';
/**
 * @deprecated Zone conversion lives in `libs/time`; import it from there. Re-exported so code written against
 * the old location keeps compiling until the package-imports codemod has run on it.
 */
export * from '#facade/time';
export * from './provision/create-legacy-database.js';
export * from './datasource/legacy-limits.js';
