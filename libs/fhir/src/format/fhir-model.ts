/** The parts of the `fhir` package's parsed R4 model (`parser.parsedStructureDefinitions`) this library walks. */

/** One property of a type: name, type code, cardinality, inline children for backbone elements. */
export interface ModelProperty {
  _name: string;
  _type: string;
  _multiple?: boolean;
  _properties?: ModelProperty[];
}

/** Parsed types by name (`Patient`, `HumanName`, `Extension` ...). */
export type FhirModel = Record<string, { _properties: ModelProperty[] } | undefined>;

/**
 * The child properties of a property: inline (backbone elements), by contentReference (`#Questionnaire.item`),
 * or of its named type; undefined for a primitive or an unknown type.
 */
export function childProperties(model: FhirModel, prop: ModelProperty): ModelProperty[] | undefined {
  if (prop._properties && prop._properties.length > 0) return prop._properties;
  if (prop._type.startsWith('#')) {
    const [root, ...path] = prop._type.slice(1).split('.');
    let props = model[root]?._properties;
    for (const step of path) props = props?.find((p) => p._name === step)?._properties;
    return props;
  }
  return model[prop._type]?._properties;
}
