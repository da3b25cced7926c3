// The k6 scripts cannot run here (no k6), so what can be checked is: they typecheck against @types/k6
// (npm run typecheck covers load/), they put ids on the wire exactly as the portal does, and their
// traffic shape is the built-in driver's: constant arrival rate with the same thresholds' vocabulary.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kvitteringUuid } from '../../load/lib/ids.js';
import { MAX_MESSAGE_ID, messageUuid, parseMessageUuid } from '../../simulators/portal/http/wire.js';
import { propertyParameters } from '../support/property.js';

describe('k6 load scripts', () => {
  it('encode message ids exactly as the portal does', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_MESSAGE_ID }), (msg) => {
      expect(kvitteringUuid(msg)).toBe(messageUuid(msg));
      expect(parseMessageUuid(kvitteringUuid(msg))).toBe(msg);
    }), propertyParameters(100));
  });

  it('use the constant-arrival-rate executor with failing thresholds', () => {
    const options = readFileSync(new URL('../../load/lib/options.ts', import.meta.url), 'utf8');
    expect(options).toContain("executor: 'constant-arrival-rate'");
    for (const metric of ['http_req_failed', 'http_req_duration', 'checks', 'dropped_iterations']) expect(options).toContain(`${metric}:`);
    for (const script of ['portal-intake.ts', 'case-system-push.ts']) {
      const text = readFileSync(new URL(`../../load/${script}`, import.meta.url), 'utf8');
      expect(text).toContain('export const options = constantArrivalRate(');
    }
  });
});
