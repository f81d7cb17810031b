/**
 * Indents the compact XML written by the `fhir` package. FHIR XML carries values in attributes, so the only
 * text content is narrative XHTML, which is copied verbatim (whitespace inside it can matter).
 */

const TOKEN_RE = /<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+/g;
const XHTML_OPEN = /^<div\b[^>]*xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"/;

/** Pretty-prints compact FHIR XML with `indent` per level; the XML prolog stays on its own line. */
export function prettyXml(xml: string, indent = '  '): string {
  const out: string[] = [];
  let depth = 0;
  let xhtmlDepth = 0; // > 0 while inside a narrative div
  let xhtml = '';
  for (const match of xml.matchAll(TOKEN_RE)) {
    const tok = match[0];
    if (xhtmlDepth > 0) {
      xhtml += tok;
      if (tok.startsWith('</')) xhtmlDepth--;
      else if (tok.startsWith('<') && !tok.endsWith('/>') && !tok.startsWith('<!') && !tok.startsWith('<?')) xhtmlDepth++;
      if (xhtmlDepth === 0) {
        out.push(indent.repeat(depth) + xhtml);
        xhtml = '';
      }
      continue;
    }
    if (!tok.startsWith('<')) {
      if (tok.trim()) out.push(indent.repeat(depth) + tok.trim());
      continue;
    }
    if (tok.startsWith('<?') || tok.startsWith('<!')) {
      out.push(tok);
    } else if (XHTML_OPEN.test(tok) && !tok.endsWith('/>')) {
      xhtmlDepth = 1;
      xhtml = tok;
    } else if (tok.startsWith('</')) {
      depth--;
      out.push(indent.repeat(depth) + tok);
    } else if (tok.endsWith('/>')) {
      out.push(indent.repeat(depth) + tok);
    } else {
      out.push(indent.repeat(depth) + tok);
      depth++;
    }
  }
  return out.join('\n') + '\n';
}
