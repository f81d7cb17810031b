/** The types the facade writes, by resource type (the CapabilityStatement declares exactly these interactions). */
import type { WritableType } from './writable-type.js';
import { allergyWriter } from './types/allergy-intolerance.writer.js';

export const WRITABLE_TYPES: ReadonlyMap<string, WritableType<{ PAT_ID: number }>> = new Map(
  [allergyWriter as unknown as WritableType<{ PAT_ID: number }>].map((w) => [w.type, w]),
);
