// Category D of the 2023 review: a reporter chases, the case worker finds nothing, the reporter sends
// the report again and nobody records a fault. The oracle must tell that apart from a recovery (the
// loss was never detected) and from a loss (the content did arrive, as a new report).

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { runScenario } from '../../harness/scenario/run-scenario.js';

function run(chaseResendPct: number) {
  return runScenario(parseScenario(stringify({
    id: 'category-d',
    title: 'Reporters who re-send',
    narrative: 'Every write fails after the receipt; every public reporter chases after three weeks.',
    expected: 'fail',
    seed: 7,
    topology: { receivers: [{ id: 'kristiansand', caseSystem: { ackPolicy: 'before-commit' } }] },
    controls: { publicChasePct: 100, privateChasePct: 0, chaseAfter: '3d', chaseDelayMean: '1d', chaseResendPct },
    workload: { messages: [
      { at: '1h', receiver: 'kristiansand', sender: 'public' },
      { at: '2h', receiver: 'kristiansand', sender: 'private' },
    ] },
    faults: [{ kind: 'db-outage', from: '0', to: '3h' }],
  }), 'scenarios/category-d.yaml'));
}

describe('category D: re-sent by the reporter, fault unrecorded', () => {
  it('re-sends the chased report as a new one and judges the original apart from lost and recovered', () => {
    const r = run(100);
    const { counts, checks } = r.result.judgement.verdict;
    expect(counts['resent-by-reporter']).toBe(1);
    // The private reporter did not chase: that one is purged unnoticed.
    expect(counts['lost-silent']).toBe(1);
    expect(counts.recovered).toBe(0);
    // The re-sent copy is a new report that is stored (the outage is long over).
    expect(counts.stored).toBe(1);
    const resend = r.result.ledger.entries.find((e) => e.kind === 'resend');
    expect(resend).toMatchObject({ msg: 0, asMsg: 2 });
    expect(r.result.ledger.entries.some((e) => e.kind === 'detect')).toBe(false);
    expect(checks.promise?.valid).toBe(false);
    expect(checks.promise?.summary).toContain('1 re-sent by the reporter with the fault unrecorded');
  });

  it('without re-sending, the same chase is a detection: recovered or lost late, never D', () => {
    const { counts } = run(0).result.judgement.verdict;
    expect(counts['resent-by-reporter']).toBe(0);
    expect(counts.recovered + counts['lost-detected-late']).toBe(1);
  });
});
