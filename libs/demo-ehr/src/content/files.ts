import { createHash } from 'node:crypto';

/** Small but well-formed document files for the DOCUMENT table (PDF, plain text, C-CDA-like XML). */

const ascii = (s: string) => s.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
const pdfText = (s: string) => ascii(s).replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)');

/** A one-page PDF 1.4 with the given lines in Helvetica, with a correct cross-reference table. */
export function makePdf(title: string, lines: string[]): Buffer {
  const content = ['BT', '/F1 14 Tf', '72 720 Td', '18 TL', `(${pdfText(title)}) Tj`, '/F1 10 Tf', 'T*',
    ...lines.map((l) => `(${pdfText(l)}) Tj T*`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface CcdaInput {
  docId: string;
  effective: string; // YYYYMMDDHHmmss
  patient: { mrn: string; given: string; family: string; sex: string; birthDate: string };
  author: string;
  problems: string[];
  medications: string[];
  allergies: string[];
}

/** A compact C-CDA Continuity of Care Document (header and three narrative sections). */
export function makeCcda(c: CcdaInput): Buffer {
  const section = (templateId: string, loinc: string, title: string, items: string[]) => `
    <component><section>
      <templateId root="${templateId}" extension="2015-08-01"/>
      <code code="${loinc}" codeSystem="2.16.840.1.113883.6.1"/>
      <title>${xml(title)}</title>
      <text><list>${(items.length ? items : ['None recorded']).map((i) => `<item>${xml(i)}</item>`).join('')}</list></text>
    </section></component>`;
  const doc = `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
  <realmCode code="US"/>
  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.2" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.19.5.99999.1" extension="${xml(c.docId)}"/>
  <code code="34133-9" codeSystem="2.16.840.1.113883.6.1" displayName="Summary of episode note"/>
  <title>Continuity of Care Document</title>
  <effectiveTime value="${c.effective}"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
  <recordTarget><patientRole>
    <id root="2.16.840.1.113883.19.5.99999.2" extension="${xml(c.patient.mrn)}"/>
    <patient>
      <name><given>${xml(c.patient.given)}</given><family>${xml(c.patient.family)}</family></name>
      <administrativeGenderCode code="${xml(c.patient.sex)}" codeSystem="2.16.840.1.113883.5.1"/>
      <birthTime value="${c.patient.birthDate}"/>
    </patient>
  </patientRole></recordTarget>
  <author><time value="${c.effective}"/><assignedAuthor><id root="2.16.840.1.113883.4.6"/><assignedPerson><name>${xml(c.author)}</name></assignedPerson></assignedAuthor></author>
  <component><structuredBody>${section('2.16.840.1.113883.10.20.22.2.5.1', '11450-4', 'Problems', c.problems)}${section('2.16.840.1.113883.10.20.22.2.1.1', '10160-0', 'Medications', c.medications)}${section('2.16.840.1.113883.10.20.22.2.6.1', '48765-2', 'Allergies and Intolerances', c.allergies)}
  </structuredBody></component>
</ClinicalDocument>
`;
  return Buffer.from(doc, 'utf8');
}

/** Lowercase hex SHA-1 of a file (DOCUMENT.SHA1_HEX). */
export function sha1Hex(content: Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}

/** Renders note text in the note's storage format (TXT, HTML or RTF). */
export function renderNote(format: string, title: string, sections: [string, string][]): string {
  if (format === 'HTML') {
    return `<div class="note"><h2>${xml(title)}</h2>${sections.map(([h, t]) => `<h3>${xml(h)}</h3><p>${xml(t)}</p>`).join('')}</div>`;
  }
  if (format === 'RTF') {
    const rtf = (s: string) => ascii(s).replace(/\\/g, '\\\\').replace(/[{}]/g, (m) => `\\${m}`);
    return `{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs20{\\b ${rtf(title)}}\\par\n${sections.map(([h, t]) => `{\\b ${rtf(h)}:} ${rtf(t)}\\par`).join('\n')}\n}`;
  }
  return `${title}\n\n${sections.map(([h, t]) => `${h.toUpperCase()}:\n${t}`).join('\n\n')}\n`;
}
