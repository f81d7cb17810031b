/**
 * Detects XML elements that the `fhir` package dropped while reading (it silently skips elements R4 does not
 * define at that place): the element names of the input are counted and compared with those of the XML written
 * back from the parsed result. Reading is order-insensitive in the package, so only counts are compared.
 */

const START_TAG_RE = /<(?![/!?])(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/g;

function countTags(xml: string): Map<string, number> {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const counts = new Map<string, number>();
  for (const m of text.matchAll(START_TAG_RE)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  return counts;
}

/**
 * Names of elements that occur more often in `input` than in `written` (sorted), i.e. what the reader dropped:
 * unknown or misplaced elements, repeated single elements, primitives without value or extension.
 */
export function droppedElements(input: string, written: string): string[] {
  const before = countTags(input);
  const after = countTags(written);
  const dropped: string[] = [];
  for (const [name, n] of before) if (n > (after.get(name) ?? 0)) dropped.push(name);
  return dropped.sort();
}
