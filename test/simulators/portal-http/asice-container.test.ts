// The ASiC-E container a Fiks IO payload travels in: `mimetype` first and stored uncompressed, the
// documents, and a manifest listing them; the same documents always give the same bytes. Reading
// refuses a zip that is not ASiC-E, and hands back only the documents.

import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { ASICE_MIMETYPE, firstEntryName, readAsice, writeAsice } from '../../../simulators/portal/http/asice.js';

const doc = (name: string, text: string) => ({ name, mimetype: 'application/json', bytes: new TextEncoder().encode(text) });

describe('writing an ASiC-E container', () => {
  it('puts an uncompressed mimetype entry first, with the ASiC-E media type as its content', () => {
    const bytes = writeAsice([doc('feilmelding.json', '{"melding":"x"}')]);
    expect(firstEntryName(bytes)).toBe('mimetype');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint16(8, true)).toBe(0); // compression method: stored
    const extra = view.getUint16(28, true);
    expect(new TextDecoder().decode(bytes.subarray(38 + extra, 38 + extra + ASICE_MIMETYPE.length))).toBe('application/vnd.etsi.asic-e+zip');
  });

  it('lists the container and each document in META-INF/manifest.xml', () => {
    const entries = new Map(Object.entries(unzipSync(writeAsice([doc('a.json', '{}'), { name: 'b.pdf', mimetype: 'application/pdf', bytes: new Uint8Array([1]) }]))));
    expect(new TextDecoder().decode(entries.get('META-INF/manifest.xml'))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">\n'
      + '  <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.etsi.asic-e+zip"/>\n'
      + '  <manifest:file-entry manifest:full-path="a.json" manifest:media-type="application/json"/>\n'
      + '  <manifest:file-entry manifest:full-path="b.pdf" manifest:media-type="application/pdf"/>\n'
      + '</manifest:manifest>\n',
    );
    expect([...entries.keys()]).toEqual(['mimetype', 'a.json', 'b.pdf', 'META-INF/manifest.xml']);
  });

  it('gives the same bytes for the same documents, dated 2020-01-01', () => {
    const a = writeAsice([doc('feilmelding.json', '{"melding":"x"}')]);
    expect(writeAsice([doc('feilmelding.json', '{"melding":"x"}')])).toEqual(a);
    const view = new DataView(a.buffer, a.byteOffset, a.byteLength);
    // DOS date in the local header: (2020 - 1980) << 9 | 1 << 5 | 1
    expect(view.getUint16(12, true)).toBe((40 << 9) | (1 << 5) | 1);
  });
});

describe('reading an ASiC-E container', () => {
  it('gives back only the documents, by name', () => {
    const documents = readAsice(writeAsice([doc('feilmelding.json', '{"melding":"x"}'), doc('vedlegg/b.json', '[]')]));
    expect([...documents.keys()]).toEqual(['feilmelding.json', 'vedlegg/b.json']);
    expect(new TextDecoder().decode(documents.get('feilmelding.json'))).toBe('{"melding":"x"}');
  });

  it('refuses a zip without a mimetype entry or with another media type', () => {
    const says = `[kvittering] E_ASICE: the payload has no "mimetype" entry of ${ASICE_MIMETYPE} — expected an ASiC-E container`;
    expect(() => readAsice(zipSync({ 'feilmelding.json': strToU8('{}') }))).toThrow(says);
    expect(() => readAsice(zipSync({ mimetype: strToU8('application/zip'), 'feilmelding.json': strToU8('{}') }))).toThrow(says);
  });

  it('refuses bytes that do not start with a zip local file header when asked for the first entry', () => {
    expect(() => firstEntryName(new TextEncoder().encode('PK not really a zip header'))).toThrow('[kvittering] E_ASICE: the payload is not a zip (no local file header at offset 0) — expected an ASiC-E container');
    expect(firstEntryName(zipSync({ 'annet.txt': strToU8('x') }))).toBe('annet.txt');
  });

  it('reads the first entry of a container that lies inside a larger buffer', () => {
    const bytes = writeAsice([doc('a.json', '{}')]);
    const padded = new Uint8Array(bytes.byteLength + 7);
    padded.set(bytes, 7);
    expect(firstEntryName(padded.subarray(7))).toBe('mimetype');
  });
});

