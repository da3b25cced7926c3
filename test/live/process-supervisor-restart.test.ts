// The supervisor's answer to an exit kvittering did not cause: with `restart: true` (the default) the
// system is started again and the restart counted; with `restart: false` it stays down. Either way the
// exit is reported once, with the process's last lines. The system is a three-line node script that
// says it is ready and then exits with code 3.

import { afterEach, describe, expect, it } from 'vitest';
import { ProcessSupervisor, type SystemExit } from '../../harness/system-test/process-supervisor.js';
import type { StartSpec } from '../../harness/system-test/load-system-profile.js';

const script = "console.log('ready'); console.log('about to fail'); setTimeout(() => process.exit(3), 100);";
const spec = (restart: boolean): StartSpec => ({
  command: [process.execPath, '-e', script], cwd: process.cwd(), env: {},
  ready: { logLine: '^ready$' }, readyTimeoutMs: 10_000, restart,
});

let running: ProcessSupervisor | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function superviseFor(restart: boolean, wallMs: number): Promise<{ supervisor: ProcessSupervisor; exits: SystemExit[] }> {
  const exits: SystemExit[] = [];
  const supervisor = new ProcessSupervisor({ spec: spec(restart), portalUrl: 'http://127.0.0.1:9', onUnplannedExit: (exit) => exits.push(exit) });
  running = supervisor;
  await supervisor.start();
  await new Promise((resolve) => setTimeout(resolve, wallMs));
  return { supervisor, exits };
}

describe('an exit kvittering did not cause', () => {
  it('is followed by a start again and counted, when restart is true', async () => {
    const { supervisor, exits } = await superviseFor(true, 1_500);
    expect(supervisor.restarts).toBeGreaterThanOrEqual(1);
    expect(exits.length).toBeGreaterThanOrEqual(1);
    expect(exits[0]).toMatchObject({ code: 3, signal: null });
    expect(exits[0]?.lastLines).toEqual(['ready', 'about to fail']);
  });

  it('leaves the system down, reported once, when restart is false', async () => {
    const { supervisor, exits } = await superviseFor(false, 1_500);
    expect(supervisor.restarts).toBe(0);
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ code: 3, signal: null, lastLines: ['ready', 'about to fail'] });
  });
});
