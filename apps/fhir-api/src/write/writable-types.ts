/** The types the facade writes, by resource type (the CapabilityStatement declares exactly these interactions). */
import type { WritableType } from './writable-type.js';
import { allergyWriter } from './types/allergy-intolerance.writer.js';
import { vitalSignsWriter } from './types/observation-vitals.writer.js';
import { conditionWriter } from './types/condition.writer.js';
import { patientWriter } from './types/patient.writer.js';
import { documentReferenceWriter } from './types/document-reference.writer.js';

type AnyWritable = WritableType<{ PAT_ID: number }>;

/** The writable types of a deployment (the vital-sign and document writers convert instants into the clinic's zone). */
export function writableTypes(timeZone: string): ReadonlyMap<string, AnyWritable> {
  return new Map([allergyWriter as unknown as AnyWritable, conditionWriter as unknown as AnyWritable, patientWriter as unknown as AnyWritable, vitalSignsWriter(timeZone) as unknown as AnyWritable, documentReferenceWriter(timeZone) as unknown as AnyWritable].map((w) => [w.type, w]));
}

/** The write interactions per type, the same in every zone (for the CapabilityStatement). */
export const WRITABLE_TYPES = writableTypes('UTC');
