import { vendoredSchema } from '#facade/legacy-db';
import type { Emit, TableName } from '../context.js';

/** Nullable columns kept on a sparse chart, so rows still say what they are about. */
const KEEP = new Set(['VITALS.WEIGHT_LB', 'ALLERGY.ALLERGEN_TYPE', 'ALLERGY.ALLERGEN_NAME', 'CARE_TEAM_MEMBER.PROV_ID',
  'CARE_TEAM_MEMBER.CONTACT_ID', 'PORTAL_PROXY.END_DATE', 'PROBLEM.VISIT_ID']);

let nullable: Map<string, string[]> | undefined;

function nullableColumns(table: string): string[] {
  nullable ??= new Map(vendoredSchema().tables.map((t) => [t.name, t.columns.filter((c) => c.nullable && !KEEP.has(`${t.name}.${c.name}`)).map((c) => c.name)]));
  return nullable.get(table) ?? [];
}

/**
 * Wraps `emit` so that every nullable column is written as NULL: the chart of a patient converted from an older
 * system by an interface, with only the mandatory data. Such charts exist in every real EHR and every reader
 * of the schema must cope with them.
 */
export function sparseEmit(emit: Emit): Emit {
  return (table, row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const column of nullableColumns(table as TableName)) copy[column] = null;
    emit(table, copy as unknown as typeof row);
  };
}
