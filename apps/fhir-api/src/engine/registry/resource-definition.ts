/**
 * The compiled registry vocabulary the generic engine reads to read, search, page, include, check compartments and
 * advertise a type in the CapabilityStatement. Entries are not written in this form: a registry entry is a
 * `ResourceEntry` (resource-entry.ts), compiled into a {@link ResourceDefinition} by the registry at start-up.
 */
import type { FhirResource, SearchClause, SearchParamDefinition } from '#facade/fhir';
import type { MapperContext, RowKey } from '#facade/mappers';
import type { Cond, ParamBag, SqlDialect } from '../sql/sql-fragment.js';

/** A FHIR resource as plain JSON: the product's one definition (libs/fhir, on the R4 model of @medplum/fhirtypes). */
export type { FhirResource };

/** A row as read from the legacy database: base table columns, and joined tables under their alias. */
export type SourceRow = Record<string, unknown>;

/** One token column: a FHIR system and how its codes become stored values. */
export interface TokenColumn {
  /** The FHIR code system; undefined = codes without a system. */
  system?: string;
  /** Property path of the column (`p.SEX`). */
  column?: string;
  /** FHIR code -> stored values; undefined result = the code cannot occur (no match). Default: identity. */
  toDb?: (code: string) => readonly string[] | undefined;
  /** The source only produces these codes (e.g. category `laboratory` for LAB_RESULT): checked without SQL. */
  constant?: readonly string[];
  /** Anything else (e.g. a vital sign code = "that column is not null"). */
  custom?: (code: string, bag: ParamBag) => Cond;
}

/** How the engine executes one search parameter against one source. */
export type ParamTarget =
  | { kind: 'string'; columns: readonly string[] }
  | { kind: 'token'; columns: readonly TokenColumn[]; textColumns?: readonly string[] }
  | { kind: 'date'; column: string; columnType: 'datetime' | 'date'; endColumn?: string }
  | { kind: 'reference'; column: string; targetTypes: readonly string[]; toKey: (type: string, id: string) => number | undefined }
  | { kind: 'quantity'; column: string; units: readonly string[] }
  | { kind: 'custom'; build: (clause: SearchClause, bag: ParamBag) => Cond };

/** Audit columns, owner patient and practice of a row (for its Provenance). */
export interface AuditInfo {
  CREATED_AT: string;
  CREATED_BY: number | null;
  UPDATED_AT: string;
  UPDATED_BY: number | null;
  ROW_VER: number;
  practiceId?: number;
  patientId?: number;
}

/** One expanded resource from a row (rows of wide tables such as VITALS yield several). */
export interface ExpandedItem {
  /** Position within the row (0 for one-resource rows); part of the paging key. */
  sub: number;
  resource: FhirResource;
}

/** A join the source always makes (e.g. LAB_RESULT -> LAB_ORDER); selected columns come back under `alias`. */
export interface SourceJoin {
  table: string;
  alias: string;
  on: string;
  columns: readonly string[];
  /** Left join (the joined row may be missing). */
  optional?: boolean;
}

/** Rows of a child table loaded in one batch for a page (e.g. PATIENT_RACE of the page's patients). */
export interface SourceChildren {
  /** Property of the parent row the children are put under. */
  as: string;
  table: string;
  /** Child column holding the parent's primary key. */
  fk: string;
  /** Columns to load (default all; includes the fk, the primary key and the version columns). */
  columns?: readonly string[];
}

/** One legacy table (plus joins) that produces resources of the type. */
export interface ResourceSource {
  /** Short stable key (`lab`, `vitals`), part of paging cursors. */
  key: string;
  /** US Core profiles (unversioned) the source's resources claim. */
  profiles?: readonly string[];
  /** Formats a key (and item) as this source's FHIR id (the mapper folder's id scheme). */
  formatId?: (key: RowKey, item?: string) => string;
  table: string;
  alias: string;
  /** Primary key column (an integer): the paging tie-breaker and the read key; the first one of a composite key. */
  pk: string;
  /**
   * A composite primary key's columns in key order (PORTAL_PROXY: PORTAL_ID, PAT_ID), each an INT; the engine then
   * holds keys as libs/mappers `compositeKey` text (engine/sql/row-key.ts). Undefined for a one-column key.
   */
  keyColumns?: readonly string[];
  /** Columns of the base table to select (default all). */
  columns?: readonly string[];
  joins?: readonly SourceJoin[];
  /** Child rows the mapper needs, loaded per page with one `IN` query each. */
  children?: readonly SourceChildren[];
  /** A constant condition every query of this source carries (e.g. `o.ORDER_CATEGORY = 'LAB'`). */
  baseWhere?: string;
  /** Audit columns, owner patient and practice of a row (for its Provenance). */
  audit?: (row: SourceRow) => AuditInfo;
  /** Soft-delete flag column, if the table has one (`DELETED_YN`). */
  deletedColumn?: string;
  /** Property path of the patient (compartment) column; undefined = not in the patient compartment. */
  patientColumn?: string;
  /** Property path of the practice column when the table has it (Patient, Practitioner ...). */
  practiceColumn?: string;
  /** Property path of the last-updated column (`UPDATED_AT`). */
  lastUpdatedColumn: string;
  /** `_lastUpdated` searches compare this SQL expression instead (a resource stamped by child rows). */
  lastUpdatedSql?: (dialect: SqlDialect) => string;
  /** How each search parameter (by code) runs here; a parameter without a target makes the source match nothing. */
  targets: Readonly<Record<string, ParamTarget>>;
  /** Wide rows: per item (in `sub` order), the SQL predicate "this row yields the item" (for counts in SQL). */
  itemPresence?: readonly string[];
  /** Wide rows with child-dependent items: the SQL number of items of one row (for counts in SQL). */
  itemCount?: (dialect: SqlDialect) => string;
  /** Parameters whose token values are checked per expanded item as well (wide rows). */
  itemTokens?: Readonly<Record<string, (item: ExpandedItem) => readonly { system?: string; code: string }[]>>;
  /** Columns used by `_sort` parameters (by code), DATETIME or DATE. */
  sort?: Readonly<Record<string, string>>;
  /** Read key of a FHIR id for this source: row pk (and item sub), or undefined when the id is not this source's. */
  parseId(id: string): { pk: RowKey; sub?: number } | undefined;
  /** Maps one row to its resources (pure). Single-resource sources return one item with `sub` 0. */
  map(row: SourceRow, ctx: MapperContext): ExpandedItem[];
  /** Reference values the row carries for `_include` (search parameter code -> `Type/id` list). */
  references?: (row: SourceRow) => Readonly<Record<string, readonly string[]>>;
}

/** One `_include`/`_revinclude` the type supports. */
export interface IncludeDefinition {
  /** `Observation:patient` form: source type, parameter and target type. */
  sourceType: string;
  param: string;
  targetType: string;
}

/** One FHIR resource type. */
export interface ResourceDefinition {
  type: string;
  /** US Core profiles the type's resources claim (CapabilityStatement `supportedProfile`). */
  profiles: readonly string[];
  /** Interactions offered (all types: read, vread of the current version, search-type). */
  interactions: readonly ('read' | 'vread' | 'search-type')[];
  /** Search parameters (parser definitions, with SHALL/SHOULD combinations for the CapabilityStatement). */
  params: readonly SearchParamDefinition[];
  /** US Core search combinations (each a list of parameter codes) and their expectation. */
  combinations?: readonly { params: readonly string[]; expectation: 'SHALL' | 'SHOULD' | 'MAY' }[];
  sources: readonly ResourceSource[];
  /** In the patient compartment: tokens are confined to their patient/practice. */
  inPatientCompartment: boolean;
  /** Practice data outside the patient compartment: user/ and system/ scopes only, confined to the practice. */
  practiceOnly?: boolean;
  includes?: readonly IncludeDefinition[];
  revincludes?: readonly IncludeDefinition[];
  /** The deployment's own resources for a request base (no sources; read by id). */
  constant?: (baseUrl: string) => readonly FhirResource[];
  /** US Core SHALL/SHOULD parameters and includes of the claimed profiles not served, with the reason. */
  notSupported?: Readonly<Record<string, string>>;
  /** Operations on the type (CapabilityStatement `operation`). */
  operations?: readonly { name: string; definition: string; documentation?: string }[];
}
