// Checks over the judged messages. Each returns { valid: true | false | 'unknown' }; they compose
// through a map, a check that throws becomes 'unknown' (never a crash, never a pass), and the overall
// verdict merges them with false > unknown > true.

import type { Fate, MessageFacts, MessageFate } from './fates.js';

type Validity = true | false | 'unknown';

/** A validity as the word reports, scenario files and summaries use for it. */
type VerdictKey = 'pass' | 'fail' | 'unknown';

function verdictKey(valid: Validity): VerdictKey {
  return valid === true ? 'pass' : valid === false ? 'fail' : 'unknown';
}

interface CheckResult {
  valid: Validity;
  /** One line a person can read (English; reports word built-in checks from `data` in their language). */
  summary: string;
  /** The numbers the summary states, by name, for renderers to word. */
  data?: Record<string, number>;
  /** Message ids that make this check fail (a sample for large runs). */
  offenders?: number[];
}

interface CheckInput {
  /** Every message's fate in send order (built when first read: prefer idsWithFate for a sample). */
  fates: readonly MessageFate[];
  /** Ids of the first `limit` messages, in send order, whose fate is one of `wanted`. */
  idsWithFate: (wanted: readonly Fate[], limit: number) => number[];
  facts: ReadonlyMap<number, MessageFacts>;
  /** Ids of messages stored more than once, in send order, when the caller has them without a scan of `facts`. */
  storedTwice?: readonly number[];
  counts: Record<Fate, number>;
  horizonMs: number;
  /** The earliest horizon at which every message's window has closed. */
  requiredHorizonMs: number;
}

type Check = (input: CheckInput) => CheckResult;

const SAMPLE = 20;

/** The promise: no message lost without the fallback firing or the loss detected while recoverable. */
const promiseCheck: Check = ({ idsWithFate, counts }): CheckResult => {
  // Re-sent by the reporter (category D) breaks the promise too: the chain lost it and told nobody.
  const resent = counts['resent-by-reporter'];
  const lost = counts['lost-silent'] + counts['lost-detected-late'] + resent;
  if (lost > 0) {
    return {
      valid: false,
      summary: `${lost} message(s) lost: ${counts['lost-silent']} silently, ${counts['lost-detected-late']} detected but not restored before the portal purged them${resent > 0 ? `, ${resent} re-sent by the reporter with the fault unrecorded` : ''}`,
      data: { lost, silent: counts['lost-silent'], late: counts['lost-detected-late'], resent },
      offenders: idsWithFate(['lost-silent', 'lost-detected-late', 'resent-by-reporter'], SAMPLE),
    };
  }
  if (counts['in-flight'] > 0) {
    return { valid: 'unknown', summary: `no loss yet, but ${counts['in-flight']} message(s) still in flight at the horizon`, data: { inFlight: counts['in-flight'] } };
  }
  return { valid: true, summary: 'every message stored, printed, or recovered inside the retention window' };
};

/** A redelivered duplicate must never become a second record. */
const duplicateCheck: Check = ({ facts, storedTwice }) => {
  const offenders: number[] = storedTwice === undefined ? [] : [...storedTwice];
  if (storedTwice === undefined) for (const f of facts.values()) if (f.extraCommits > 0) offenders.push(f.msg);
  return offenders.length === 0
    ? { valid: true, summary: 'no message stored twice' }
    : { valid: false, summary: `${offenders.length} message(s) stored more than once`, data: { storedTwice: offenders.length }, offenders: offenders.slice(0, SAMPLE) };
};

/** The run must reach past the last retention window before anything is called safe or lost. */
const horizonCheck: Check = ({ horizonMs, requiredHorizonMs }) => {
  if (horizonMs >= requiredHorizonMs) return { valid: true, summary: 'the horizon reaches past every retention window' };
  const shortByHours = Math.ceil((requiredHorizonMs - horizonMs) / 3_600_000);
  return { valid: 'unknown', summary: `the horizon ends ${shortByHours} h before the last retention window closes`, data: { shortByHours } };
};

const defaultChecks: Record<string, Check> = { promise: promiseCheck, duplicates: duplicateCheck, horizon: horizonCheck };

function runChecks(checks: Record<string, Check>, input: CheckInput): { valid: Validity; results: Record<string, CheckResult> } {
  const results: Record<string, CheckResult> = {};
  let valid: Validity = true;
  for (const [name, check] of Object.entries(checks)) {
    let result: CheckResult;
    try {
      result = check(input);
    } catch (error) {
      result = { valid: 'unknown', summary: `check threw: ${error instanceof Error ? error.message : String(error)}` };
    }
    results[name] = result;
    if (result.valid === false) valid = false;
    else if (result.valid === 'unknown' && valid === true) valid = 'unknown';
  }
  return { valid, results };
}

export { defaultChecks, runChecks, promiseCheck, duplicateCheck, horizonCheck, verdictKey };
export type { Check, CheckInput, CheckResult, Validity, VerdictKey };
