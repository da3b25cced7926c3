// The ASiC-E container a Fiks IO payload travels in (ETSI EN 319 162-1): a zip whose first entry is
// an uncompressed `mimetype` file, the documents, and a META-INF/manifest.xml listing them. Real
// Fiks IO also signs the container and encrypts it to the receiver's X.509 certificate (CMS); that
// step is not done here (see docs/fiks-io.md), so the container travels signed by nobody, in clear.

import { KvitteringError } from '../../../harness/errors.js';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';

const ASICE_MIMETYPE = 'application/vnd.etsi.asic-e+zip';

interface AsiceDocument {
  name: string;
  mimetype: string;
  bytes: Uint8Array;
}

function manifest(documents: readonly AsiceDocument[]): string {
  const entries = documents.map((d) => `  <manifest:file-entry manifest:full-path="${d.name}" manifest:media-type="${d.mimetype}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">\n  <manifest:file-entry manifest:full-path="/" manifest:media-type="${ASICE_MIMETYPE}"/>\n${entries}\n</manifest:manifest>\n`;
}

function writeAsice(documents: readonly AsiceDocument[]): Uint8Array {
  // Insertion order is entry order: `mimetype` first and stored (level 0), as the standard requires.
  const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = { mimetype: [strToU8(ASICE_MIMETYPE), { level: 0 }] };
  for (const d of documents) files[d.name] = [d.bytes, { level: 6 }];
  files['META-INF/manifest.xml'] = [strToU8(manifest(documents)), { level: 6 }];
  // A fixed timestamp: the same report gives the same bytes.
  return zipSync(files, { mtime: new Date('2020-01-01T00:00:00Z') });
}

/** The documents of a container, by name; throws when it is not an ASiC-E zip. */
function readAsice(bytes: Uint8Array): Map<string, Uint8Array> {
  const entries = unzipSync(bytes);
  const mimetype = entries.mimetype;
  if (mimetype === undefined || strFromU8(mimetype) !== ASICE_MIMETYPE) {
    throw new KvitteringError('E_ASICE', `the payload has no "mimetype" entry of ${ASICE_MIMETYPE} — expected an ASiC-E container`);
  }
  const documents = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) {
    if (name !== 'mimetype' && !name.startsWith('META-INF/')) documents.set(name, data);
  }
  return documents;
}

/** The first entry's name, as it lies in the zip (the standard wants `mimetype`). */
function firstEntryName(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 0x04034b50) throw new KvitteringError('E_ASICE', 'the payload is not a zip (no local file header at offset 0) — expected an ASiC-E container');
  const nameLength = view.getUint16(26, true);
  return new TextDecoder().decode(bytes.subarray(30, 30 + nameLength));
}

export { writeAsice, readAsice, firstEntryName, ASICE_MIMETYPE };
export type { AsiceDocument };
