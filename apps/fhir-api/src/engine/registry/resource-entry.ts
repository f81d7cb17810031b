/**
 * What a registry entry says about a FHIR type: only its sources (legacy table, joins, children, the mapper and the
 * id scheme) and how each search parameter maps to columns. Everything else is derived by the registry
 * (`compile-entry.ts`): the parameters' types and SearchParameter URLs and the SHALL/SHOULD combinations and
 * includes (from the US Core 6.1.0 data of the profiles the sources claim), `_id` and reads (from the id scheme),
 * reference search and `_include` values (from the referenced type's id scheme), `_revinclude=Provenance:target`
 * and the audit columns. Column names are typed against the legacy entity rows (`sourceOf`) and all checked
 * against the customer DDL at start-up.
 */
import type { SearchParamType, SearchClause } from '#facade/fhir';
import type { LegacyTableDef } from '#facade/legacy-db';
import type { MapperContext, RowKey } from '#facade/mappers';
import type { Cond, ParamBag, SqlDialect } from '../sql/sql-fragment.js';
import type { AuditInfo, ExpandedItem, FhirResource, TokenColumn } from './resource-definition.js';

/** A referenced type, or one source of it when the type has several (`{ type: 'Organization', source: 'practice' }`). */
export type ReferenceTo = string | { type: string; source: string };

/** A token column; `column` typed as one of the source's columns. */
export type TokenColumnSpec<C extends string> = Omit<TokenColumn, 'column'> & { column?: C };

/** How one search parameter runs against one source (`C` = the source's typed column paths). */
export type TargetSpec<C extends string> =
  | { kind: 'string'; columns: readonly C[] }
  | { kind: 'token'; columns: readonly TokenColumnSpec<C>[]; textColumns?: readonly C[] }
  | { kind: 'date'; column: C; columnType: 'datetime' | 'date'; endColumn?: C }
  /** The column holds the referenced row's key; ids are parsed with the referenced source's id scheme. */
  | { kind: 'reference'; column: C; to: ReferenceTo | readonly ReferenceTo[] }
  | { kind: 'quantity'; column: C; units: readonly string[] }
  /** Anything else; `type` is the parameter's FHIR type. */
  | {
      kind: 'custom';
      type: SearchParamType;
      build: (clause: SearchClause, bag: ParamBag) => Cond;
      /**
       * For a reference parameter over child rows (CareTeam.participant): the types it may point to, registered
       * ones. `_include` values come from the source's `references`; the types make its includes derivable.
       */
      targetTypes?: readonly string[];
      /** A reference parameter over a `canonical` element: canonical URLs (`url[|version]`) arrive as `uri` values. */
      canonical?: boolean;
    };

/**
 * Any id scheme (plain, prefixed or with items over a one-column key; `compositeIds` over a composite key, whose
 * `arity` must equal the table's number of key columns).
 */
export interface AnyIdScheme {
  readonly items?: readonly string[];
  readonly arity?: number;
  format(key: never, ...item: never[]): string;
  parse(id: string): { key: RowKey; sub?: number } | undefined;
}

/** A join the source always makes; its columns come back under the join's alias. */
export interface JoinDecl<JR> {
  table: LegacyTableDef<JR>;
  /** SQL join condition over `alias.COLUMN` paths (checked against the DDL at start-up). */
  on: string;
  /** Columns to select (default all). */
  columns?: readonly (keyof JR & string)[];
  optional?: boolean;
}

/** Child rows loaded per page (`fk` = the child column holding the parent's primary key). */
export interface ChildDecl<CR> {
  table: LegacyTableDef<CR>;
  fk: keyof CR & string;
  /**
   * Columns to load (default all). Must include the fk, the table's primary key and, on a versioned table,
   * ROW_VER and UPDATED_AT (checked at start-up): a Group's member rows need six PATIENT columns, not forty.
   */
  columns?: readonly (keyof CR & string)[];
}

type RowOf<T> = T extends { table: LegacyTableDef<infer R> } ? R : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Joins = Record<string, JoinDecl<any>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Children = Record<string, ChildDecl<any>>;

/** The row a mapper gets: the table's columns, each join's row under its alias, each child list under its name. */
export type EntryRow<R, J extends Joins, C extends Children> = R & { [K in keyof J]: RowOf<J[K]> } & { [K in keyof C]: RowOf<C[K]>[] };

/** The typed column paths of a source: `alias.COLUMN` of its table and of each join. */
export type ColumnPath<R, A extends string, J extends Joins> = `${A}.${keyof R & string}` | { [K in keyof J & string]: `${K}.${keyof RowOf<J[K]> & string}` }[keyof J & string];

/** One legacy table (plus joins) producing resources of a type, as the entry author writes it. */
export interface SourceSpec<R, A extends string, J extends Joins, C extends Children> {
  /** Short stable key (`lab`, `vitals`), part of paging cursors. */
  key: string;
  alias: A;
  /** US Core profiles this source's resources claim (versioned or not). */
  profiles: readonly string[];
  /** The mapper folder's id scheme of this table. */
  ids: AnyIdScheme;
  /** Columns of the base table to select (default all). */
  columns?: readonly (keyof R & string)[];
  /** A constant condition every query of this source carries (`o.ORDER_CATEGORY = 'LAB'`; paths checked at start-up). */
  baseWhere?: string;
  /** Soft-delete flag (`DELETED_YN`), patient (compartment) and practice columns. */
  deletedColumn?: ColumnPath<R, A, J>;
  patientColumn?: ColumnPath<R, A, J>;
  practiceColumn?: ColumnPath<R, A, J>;
  /** Last-updated column (default `<alias>.UPDATED_AT`). */
  lastUpdatedColumn?: ColumnPath<R, A, J>;
  /**
   * When the resource's lastUpdated is not one column of the row (CareTeam: the latest of its member rows): the SQL
   * expression `_lastUpdated` searches compare, in the dialect given (child tables need quoting). `_sort=_lastUpdated`
   * still orders by `lastUpdatedColumn`.
   */
  lastUpdatedSql?: (dialect: SqlDialect) => string;
  /** How each search parameter (by code) runs here: the only search information an entry gives. */
  targets: Readonly<Record<string, TargetSpec<ColumnPath<R, A, J>>>>;
  /** `_sort` columns by parameter code (NOT NULL DATETIME or DATE). */
  sort?: Readonly<Record<string, ColumnPath<R, A, J>>>;
  /**
   * Wide rows (ids with items): per item, the SQL predicate over the row's columns that holds exactly when the
   * mapper yields that item, so `_summary=count` / `_total` count in SQL (checked against the DDL at start-up).
   */
  itemPresence?: Readonly<Record<string, string>>;
  /**
   * Wide rows whose items depend on child rows (no fixed item list): the SQL number of items one row yields, in
   * the dialect given (child tables need quoting), so counts stay in SQL. Must equal what `map` yields per row.
   */
  itemCount?: (dialect: SqlDialect) => string;
  /** Parameters whose token values are checked per expanded item as well (wide rows). */
  itemTokens?: Readonly<Record<string, (item: ExpandedItem) => readonly { system?: string; code: string }[]>>;
  /** Maps one row (pure): one resource, or the items of a wide row (`sub` = the item's index in `ids.items`). */
  map(row: EntryRow<R, J, C>, ctx: MapperContext): FhirResource | ExpandedItem[];
  /** Audit columns for Provenance; default: the table's CREATED_/UPDATED_ columns when it has them; `false` = none. */
  audit?: ((row: EntryRow<R, J, C>) => AuditInfo) | false;
  /** `_include` values beyond those derived from reference targets (parameter code -> `Type/id`). */
  references?: (row: EntryRow<R, J, C>) => Readonly<Record<string, readonly string[]>>;
}

/** A source with its types erased (what the registry holds). */
export interface SourceEntry {
  table: string;
  joins: readonly { table: string; alias: string; on: string; columns?: readonly string[]; optional?: boolean }[];
  children: readonly { as: string; table: string; fk: string; columns?: readonly string[] }[];
  spec: SourceSpec<Record<string, unknown>, string, Joins, Children>;
}

/**
 * Declares a source over `table` with its joins and children (keyed by alias / property); the returned function
 * takes the rest, with every column path and the mapper's row typed against the entity rows.
 * @example sourceOf(VisitTable, { joins: { pt: { table: PatientTable, on: 'pt.PAT_ID = v.PAT_ID', columns: ['PRACTICE_ID'] } } })({ key: 'visit', alias: 'v', ... })
 */
export function sourceOf<R, J extends Joins = Record<never, never>, C extends Children = Record<never, never>>(
  table: LegacyTableDef<R>,
  rel: { joins?: J & { [K in keyof J]: JoinDecl<RowOf<J[K]>> }; children?: C & { [K in keyof C]: ChildDecl<RowOf<C[K]>> } } = {},
) {
  return <A extends string>(spec: SourceSpec<R, A, J, C>): SourceEntry => ({
    table: table.name,
    joins: Object.entries(rel.joins ?? {}).map(([alias, j]) => ({ table: j.table.name, alias, on: j.on, columns: j.columns, optional: j.optional })),
    children: Object.entries(rel.children ?? {}).map(([as, c]) => ({ as, table: c.table.name, fk: c.fk, ...(c.columns ? { columns: c.columns } : {}) })),
    spec: spec as unknown as SourceEntry['spec'],
  });
}

/** One FHIR type as the registry entry declares it. */
export interface ResourceEntry {
  type: string;
  /** In the patient compartment: tokens are confined to their patient/practice. */
  inPatientCompartment: boolean;
  /**
   * Outside the patient compartment, yet a practice's own data (Group: patient panels): only user/ and system/
   * scopes of the type reach it, confined to the token's practice(s) through the sources' `practiceColumn`; patient
   * tokens and the `/open` base get 403.
   */
  practiceOnly?: boolean;
  sources: readonly SourceEntry[];
  /** Default read, vread, search-type. */
  interactions?: readonly ('read' | 'vread' | 'search-type')[];
  /** Profiles of a type without sources (Provenance); otherwise the union of the sources' profiles. */
  profiles?: readonly string[];
  /**
   * US Core SHALL/SHOULD parameters and includes of the claimed profiles that this type does not serve, each with
   * the reason (the schema holds no such data ...). Anything US Core asks for that is neither served nor listed
   * here is a start-up error.
   */
  notSupported?: Readonly<Record<string, string>>;
  /** `_include` values beyond US Core's (`Observation:patient`), as `Type:param`. */
  extraIncludes?: readonly string[];
  /**
   * A type whose resources are the deployment's own, not the EHR's (Endpoint: the FHIR bases): the resources for a
   * request to `baseUrl` (`<FHIR_PUBLIC_URL>/fhir`), read by id; such an entry has no sources and is read-only.
   */
  constant?: (baseUrl: string) => readonly FhirResource[];
  /** Operations on the type the server implements (CapabilityStatement `operation`): name, canonical, how it runs. */
  operations?: readonly OperationDeclaration[];
}

/** An operation a type offers (`$docref`), as the CapabilityStatement lists it. */
export interface OperationDeclaration {
  name: string;
  /** The OperationDefinition canonical. */
  definition: string;
  documentation?: string;
}
