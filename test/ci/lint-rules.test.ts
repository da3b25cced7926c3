// The lint rules that keep runs deterministic and errors readable are part of `npm test`; this proves
// they fire where they should and stay quiet where wall time is the point (runtime, CLI).

import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const probe = [
  'const a = Date.now();',
  'const b = new Date();',
  'const c = new Date(0).toISOString();',
  'function f(x: number): never { throw new Error(`[kvittering] E_X: ${x}`); }',
  'function g(): never { throw new Error(\'[kvittering] E_Y: y\'); }',
  'function h(): never { throw new Error(\'an invariant broke\'); }',
  'function k(): never { throw new RangeError(\'[kvittering] E_Z: z\'); }',
  'export { a, b, c, f, g, h, k };',
  '',
].join('\n');

async function messagesFor(filePath: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(probe, { filePath });
  return (result?.messages ?? []).map((m) => `${m.line}:${m.ruleId ?? 'parse'}`);
}

describe('lint rules', () => {
  it('forbid wall-clock reads and raw "[kvittering] E_…" Errors (RangeError too) in the simulated core', async () => {
    expect(await messagesFor('harness/oracle/checks.ts')).toEqual([
      '1:no-restricted-properties', '2:no-restricted-syntax', '4:no-restricted-syntax', '5:no-restricted-syntax', '7:no-restricted-syntax',
    ]);
    expect(await messagesFor('simulators/portal/portal.ts')).toContain('1:no-restricted-properties');
  }, 60_000);

  it('let the runtime and the CLI read the wall clock, but not raise raw kvittering errors', async () => {
    expect(await messagesFor('harness/runtime/live-clock.ts')).toEqual(['4:no-restricted-syntax', '5:no-restricted-syntax', '7:no-restricted-syntax']);
    expect(await messagesFor('harness/cli/cli.ts')).toEqual(['4:no-restricted-syntax', '5:no-restricted-syntax', '7:no-restricted-syntax']);
  }, 60_000);
});
