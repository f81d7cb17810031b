import type { MapperContext } from '../mapper-context.js';
import type { Meta } from './fhir-types.js';
import { toInstant } from './time.js';

/** The version columns every mapped row carries. */
export interface VersionedRow {
  ROW_VER: number;
  UPDATED_AT: string;
}

/**
 * `meta` of a mapped resource: `versionId` from ROW_VER (the row's version counter, also the ETag), `lastUpdated`
 * from UPDATED_AT, and the US Core profile the resource claims.
 */
export function buildMeta(row: VersionedRow, profile: string, ctx: MapperContext): Meta {
  return { versionId: String(row.ROW_VER), lastUpdated: toInstant(row.UPDATED_AT, ctx), profile: [profile] };
}
