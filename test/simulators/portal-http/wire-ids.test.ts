// A kvittering message id travels as a UUID whose last group holds the numeric id: the oracle reads it
// back from any system that stored it, so the mapping must be exact at its edges and refuse the rest.

import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_ID, MESSAGE_TYPES, messageUuid, parseMessageUuid, senderType } from '../../../simulators/portal/http/wire.js';

describe('message ids as UUIDs', () => {
  it('spells 0, 1000 and the largest id with 12 hex digits, and reads them back', () => {
    expect(MAX_MESSAGE_ID).toBe(281_474_976_710_655);
    expect(messageUuid(0)).toBe('6b766974-0000-4000-8000-000000000000');
    expect(messageUuid(1000)).toBe('6b766974-0000-4000-8000-0000000003e8');
    expect(messageUuid(MAX_MESSAGE_ID)).toBe('6b766974-0000-4000-8000-ffffffffffff');
    for (const msg of [0, 1000, MAX_MESSAGE_ID]) expect(parseMessageUuid(messageUuid(msg))).toBe(msg);
  });

  it('refuses an id below 0, above the largest, or not an integer', () => {
    for (const msg of [-1, MAX_MESSAGE_ID + 1, 1.5, Number.NaN]) {
      expect(() => messageUuid(msg), String(msg)).toThrow(`[kvittering] E_MESSAGE_ID: message id ${msg} — expected an integer from 0 to ${MAX_MESSAGE_ID}`);
    }
  });

  it('reads an upper-case UUID and nothing that is not exactly a kvittering UUID', () => {
    expect(parseMessageUuid('6B766974-0000-4000-8000-0000000003E8')).toBe(1000);
    for (const text of [
      '', '6b766974-0000-4000-8000-0000000003e', '6b766974-0000-4000-8000-0000000003e80', 'x6b766974-0000-4000-8000-0000000003e8',
      '6b766974-0000-4000-8000-0000000003e8x', '6b766974-0000-4000-8000-00000000003g', '6b766975-0000-4000-8000-0000000003e8',
    ]) expect(parseMessageUuid(text), text).toBeUndefined();
  });

  it('names a public sender offentlig and a private one privat', () => {
    expect([senderType('public'), senderType('private')]).toEqual(['offentlig', 'privat']);
  });

  it('uses the bekymringsmelding protocol\'s message type names', () => {
    expect(MESSAGE_TYPES).toEqual({
      offentlig: 'no.ks.fiks.bekymringsmelding.offentlig.v1',
      privat: 'no.ks.fiks.bekymringsmelding.privat.v1',
      mottatt: 'no.ks.fiks.bekymringsmelding.mottatt.v1',
      feilet: 'no.ks.fiks.bekymringsmelding.feilet.v1',
    });
  });
});
