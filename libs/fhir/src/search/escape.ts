/**
 * Search value escaping (https://hl7.org/fhir/R4/search.html#escaping): `\,` `\|` `\$` `\\` stand for the
 * literal characters; an unescaped `,` separates OR-values and an unescaped `|` separates token parts.
 */

/** Splits `text` on every unescaped `sep`, keeping escapes in the pieces. */
export function splitUnescaped(text: string, sep: string): string[] {
  if (!text.includes(sep)) return [text];
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
    } else if (text[i] === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index of the first unescaped `sep`, or -1. */
export function indexOfUnescaped(text: string, sep: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 92) i++;
    else if (text[i] === sep) return i;
  }
  return -1;
}

/** Removes search escapes: `\,` -> `,`, `\|` -> `|`, `\$` -> `$`, `\\` -> `\`. Other backslashes stay. */
export function unescapeValue(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\([,|$\\])/g, '$1');
}

/** Escapes `\ , | $` in a literal so that it survives {@link splitUnescaped} and {@link unescapeValue}. */
export function escapeValue(text: string): string {
  return text.replace(/[\\,|$]/g, (c) => `\\${c}`);
}
