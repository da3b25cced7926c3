// Runs bench/mm4_simpy.py with Debian's python3-simpy (SimPy 2.3) when it is installed; otherwise says
// why the SimPy column is empty, so the table never shows a silent gap.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Mm4Options } from './mm4.js';

const script = fileURLToPath(new URL('../../../bench/mm4_simpy.py', import.meta.url));
/** Debian's interpreter: python3-simpy installs into its dist-packages, not into a pyenv or venv python. */
const python = '/usr/bin/python3';

type SimPyOutcome = { ran: Record<string, unknown> } | { skipped: string };

function runSimPy(options: Mm4Options): SimPyOutcome {
  if (!existsSync(python)) return { skipped: `${python} not found` };
  try {
    execFileSync(python, ['-c', 'import SimPy.Simulation'], { stdio: 'ignore' });
  } catch {
    return { skipped: `SimPy is not installed for ${python} (apt-get install -y python3-simpy)` };
  }
  const out = execFileSync(python, [script, JSON.stringify(options)], { encoding: 'utf8', timeout: 1_800_000 });
  return { ran: JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown> };
}

export { runSimPy };
export type { SimPyOutcome };
