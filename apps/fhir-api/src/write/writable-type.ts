/**
 * What the write path needs of one writable type: its table and key, which interactions work, the pure reverse
 * mapper (libs/mappers), and the row values of an INSERT and of an UPDATE (server columns included).
 */
import type { ReverseResult } from '#facade/mappers/src/common/reverse.js';
import type { ColumnValues, WriteJob, WriteSql } from './write-statements.js';

/** The server columns of one write: local wall-clock time and the EHR user (NULL = interface). */
export interface AuditStamp {
  at: string;
  by: number | null;
  /** The token's own EHR user (`user:<USER_ID>` tokens); absent for patient and backend writes. */
  user?: number;
}

/** Who writes, as far as a reverse mapper may care (e.g. a patient's upload is a document, never a clinical note). */
export interface WriterKind {
  patient: boolean;
}

/** One type the facade writes back into a legacy table. */
export interface WritableType<TRow extends { PAT_ID: number }> {
  type: string;
  table: string;
  pk: string;
  /** The US Core profile bodies are validated against (the type's general one when the row is not mapped). */
  profile: string;
  /** The specific profile of a mapped row (e.g. a vital sign's), default `profile`. */
  profileOf?(row: TRow): string;
  create: boolean;
  update: boolean;
  /** CapabilityStatement `resource.documentation`: what is stored and the deviations. */
  documentation: string;
  /**
   * The pure reverse mapper; an update also gets the resource as currently served (read-only elements), every write
   * who writes (`patient`: a patient's own token, not an EHR user).
   */
  reverse(resource: Record<string, unknown>, current?: Record<string, unknown>, writer?: WriterKind): ReverseResult<TRow>;
  /** The soft-delete flag column (`DELETED_YN`, the default), or null for a table without one (PATIENT). */
  deletedColumn?: string | null;
  /** Columns of a new row: the mapped ones, ROW_VER 1, DELETED_YN 'N', CREATED_/UPDATED_ AT and BY. */
  insertValues(row: TRow, stamp: AuditStamp): ColumnValues;
  /**
   * Columns an update may not change (column -> FHIRPath): conditions of the UPDATE, a mismatch is a 422
   * business-rule. Default `{ PAT_ID: <Type>.patient }`.
   */
  immutable?: Readonly<Record<string, string>>;
  /** Columns an update sets (never CREATED_*, never the key, never the immutable ones). */
  updateValues(row: TRow, stamp: AuditStamp): ColumnValues;
  /**
   * The create's statements when it is more than one INSERT (e.g. a vital sign filling the row of its event);
   * returns the row key. Default: `INSERT` of `insertValues`.
   */
  createJob?(sql: WriteSql, row: TRow, stamp: AuditStamp): WriteJob<number>;
  /**
   * The update's statements when it is more than the one version-checked UPDATE of `table` (e.g. a Patient and its
   * contacts): `expected` is the If-Match version (which such a type computes over all its rows, and which the
   * served resource had when the body was mapped); 'missing' = 404, 'stale' = 412 (a throw rolls back).
   */
  updateJob?(sql: WriteSql, key: number, expected: number, row: TRow, stamp: AuditStamp): WriteJob<'ok' | 'missing' | 'stale'>;
  /** The FHIR id of a row key (and the mapped row, for types with several resources per row), and back. */
  idOf(key: number, row?: TRow): string;
  keyOf(id: string): number | undefined;
}

/** `row` without `columns` (the immutable ones an update does not set). */
export function without<T extends object>(row: T, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !columns.includes(k)));
}

/** The audit columns of a new row. */
export function newRowColumns(stamp: AuditStamp): ColumnValues {
  return { DELETED_YN: 'N', ROW_VER: 1, CREATED_AT: stamp.at, CREATED_BY: stamp.by, UPDATED_AT: stamp.at, UPDATED_BY: stamp.by };
}

/** The audit columns of an update (ROW_VER is bumped by the statement itself). */
export function updatedColumns(stamp: AuditStamp): ColumnValues {
  return { UPDATED_AT: stamp.at, UPDATED_BY: stamp.by };
}
