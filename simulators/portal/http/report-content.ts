// The synthetic content of one concern report: the bekymringsmelding.json a case system stores. Made
// on demand from the message id (faker seeded with it), so the same id always gives the same bytes and
// the portal keeps only numbers in memory. Names and places are faker's nb_NO data; no identity
// numbers are generated at all, so nothing can belong to a real person. Every report says it is test
// data (`testdata: true`, and its text opens with TESTDATA:) so a SUT's staff never mistake it for a real one.

import { createHash } from 'node:crypto';
import { fakerNB_NO as faker } from '@faker-js/faker';
import type { SenderKind } from '../../../harness/ledger/entries.js';
import { senderType, type Filmetadata } from './wire.js';

interface ReportContent {
  json: Record<string, unknown>;
  bytes: Uint8Array;
  metadata: Filmetadata;
}

function reportContent(msg: number, kommune: string, sender: SenderKind, sentAtMs: number): ReportContent {
  faker.seed(msg);
  const json = {
    testdata: true,
    bekymringsmeldingId: msg,
    kommune,
    meldertype: senderType(sender),
    innsendt: sentAtMs,
    barn: { fornavn: faker.person.firstName(), alder: faker.number.int({ min: 0, max: 17 }), bosted: faker.location.city() },
    melder: sender === 'public' ? { virksomhet: `${faker.location.city()} ${faker.helpers.arrayElement(['barnehage', 'skole', 'legekontor', 'helsestasjon'])}` } : { relasjon: faker.helpers.arrayElement(['nabo', 'slekt', 'venn av familien', 'annen']) },
    beskrivelse: `TESTDATA: ${faker.lorem.sentences({ min: 2, max: 4 })}`,
  };
  const bytes = new TextEncoder().encode(JSON.stringify(json));
  const metadata: Filmetadata = {
    filnavn: 'bekymringsmelding.json',
    mimetype: 'application/json',
    sha256hash: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.byteLength,
  };
  return { json, bytes, metadata };
}

export { reportContent };
export type { ReportContent };
