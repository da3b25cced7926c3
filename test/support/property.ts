// How every property in this repository runs: how many runs (a shared knob, raised for release
// pipelines), how a failure is reported (seed, path, counterexample, a readable trace, a copy-paste
// replay command), and how an environment variable replays exactly one failing case.
//
//   KVITTERING_DEEP=1          20× the runs (npm run test:deep)
//   KVITTERING_RUNS_SCALE=n    n× the runs (overrides KVITTERING_DEEP)
//   KVITTERING_SEED, KVITTERING_PATH
//                              replay the case fast-check reported (run one test with -t "name")
//   CI=true                    without KVITTERING_SEED and outside deep runs, every property starts
//                              from CI_SEED: a red main is a real failure, never a lucky draw. Locally
//                              and in deep runs each run draws a fresh seed and keeps exploring.

import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';

type Env = Readonly<Record<string, string | undefined>>;

const DEEP_SCALE = 20;
const CI_SEED = 20230531;

function runsScale(env: Env): number {
  const explicit = env.KVITTERING_RUNS_SCALE;
  if (explicit !== undefined && explicit !== '') {
    const n = Number(explicit);
    if (!(n > 0)) throw new Error(`[kvittering] E_ENV: KVITTERING_RUNS_SCALE is ${JSON.stringify(explicit)} — expected a number > 0`);
    return n;
  }
  return env.KVITTERING_DEEP === '1' || env.KVITTERING_DEEP === 'true' ? DEEP_SCALE : 1;
}

/** The number of runs for a property whose default-suite budget is `base`. */
function numRuns(base: number, env: Env = process.env): number {
  return Math.max(1, Math.round(base * runsScale(env)));
}

/** Runs, plus the replayed seed and path when KVITTERING_SEED is set. */
function propertyParameters<T>(base: number, env: Env = process.env): fc.Parameters<T> {
  const params: fc.Parameters<T> = { numRuns: numRuns(base, env) };
  const seed = env.KVITTERING_SEED;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
  if ((seed === undefined || seed === '') && ci && runsScale(env) === 1) params.seed = CI_SEED;
  if (seed !== undefined && seed !== '') {
    const n = Number(seed);
    if (!Number.isInteger(n)) throw new Error(`[kvittering] E_ENV: KVITTERING_SEED is ${JSON.stringify(seed)} — expected an integer`);
    params.seed = n;
    const path = env.KVITTERING_PATH;
    if (path !== undefined && path !== '') {
      if (!/^\d+(:\d+)*$/.test(path)) throw new Error(`[kvittering] E_ENV: KVITTERING_PATH is ${JSON.stringify(path)} — expected digits separated by ":" like "12:0:3"`);
      params.path = path;
      params.endOnFailure = true;
    }
  }
  return params;
}

interface ReportContext<T> {
  /** The test's name, for the -t filter of the replay command. */
  name: string;
  /** import.meta.url of the test file. */
  file: string;
  /** Readable lines for the counterexample — the tuple of the property's arguments (e.g. a ledger trace). */
  explain?: (counterexample: T) => string[];
}

/** vitest's -t takes a regular expression: a test name with "(" or "." must be escaped to match itself. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The failure message: what failed, the counterexample, its trace, seed and path, and how to replay. */
function failureReport<T>(details: fc.RunDetails<T>, context: ReportContext<T>): string {
  if (!details.failed || details.counterexample === null) return `property "${context.name}" passed (${details.numRuns} runs)`;
  const counterexample = details.counterexample;
  const file = relative(process.cwd(), fileURLToPath(context.file));
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message.split('\n')[0] : 'the property returned false';
  let explanation: string[] = [];
  try {
    explanation = context.explain?.(counterexample) ?? [];
  } catch (error) {
    explanation = [`(could not render the trace: ${error instanceof Error ? error.message : String(error)})`];
  }
  return [
    `Property "${context.name}" failed after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s): ${cause}`,
    `Counterexample: ${fc.stringify(counterexample)}`,
    ...explanation,
    `{ seed: ${details.seed}, path: "${details.counterexamplePath ?? ''}", endOnFailure: true }`,
    `Replay: KVITTERING_SEED=${details.seed} KVITTERING_PATH=${details.counterexamplePath ?? ''} npx vitest run ${file} -t ${JSON.stringify(escapeRegExp(context.name))}`,
    'Hint: the replay runs exactly this case, already shrunk; add a console.log in the property to inspect it.',
  ].join('\n');
}

/** fc.check, throwing the failure report instead of fast-check's default message. */
function assertProperty<T>(property: fc.IProperty<T>, params: fc.Parameters<T>, context: ReportContext<T>): fc.RunDetails<T> {
  const details = fc.check(property, params);
  if (details.failed) throw new Error(failureReport(details, context));
  return details;
}

async function assertAsyncProperty<T>(property: fc.IAsyncProperty<T>, params: fc.Parameters<T>, context: ReportContext<T>): Promise<fc.RunDetails<T>> {
  const details = await fc.check(property, params);
  if (details.failed) throw new Error(failureReport(details, context));
  return details;
}

export { numRuns, propertyParameters, failureReport, assertProperty, assertAsyncProperty, DEEP_SCALE, CI_SEED };
export type { Env, ReportContext };
