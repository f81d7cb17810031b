/** Escapes text for an XHTML narrative (`&`, `<`, `>`, quotes); line breaks become `<br/>`. */
export function xhtmlText(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r\n|\r|\n/g, '<br/>');
}

/** A FHIR Narrative `div` (XHTML namespace) of labelled paragraphs; blank sections are left out. */
export function narrativeDiv(sections: Array<{ label: string; text: string | undefined }>): string {
  const body = sections
    .filter((s) => s.text)
    .map((s) => `<p><b>${xhtmlText(s.label)}</b>: ${xhtmlText(s.text!)}</p>`)
    .join('');
  return `<div xmlns="http://www.w3.org/1999/xhtml">${body}</div>`;
}
