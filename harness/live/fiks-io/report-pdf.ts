// bekymringsmelding.pdf: the human-readable copy a concern report carries next to its JSON. A minimal,
// valid one-page PDF 1.4 (Helvetica, one text line per field), built byte by byte so the cross-reference
// offsets are exact and the same report always gives the same bytes.

function escapePdfText(text: string): string {
  // Helvetica's WinAnsi covers Norwegian letters; anything outside Latin-1 becomes '?'.
  return [...text].map((c) => (c.charCodeAt(0) > 0xff ? '?' : c)).join('').replace(/[\\()]/g, (c) => `\\${c}`);
}

function reportPdf(lines: readonly string[]): Uint8Array {
  const text = lines.slice(0, 40).map((line, i) => `BT /F1 10 Tf 50 ${790 - i * 14} Td (${escapePdfText(line.slice(0, 110))}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

export { reportPdf };
