// A live system test as a RunReport, through the same buildRunReport and renderers (JSON, JUnit,
// Markdown, HTML; en and nb) as a simulated run: the live RunResult, with the judgement that carries
// the system checks (faults applied, system, storage probe).

import { resolve } from 'node:path';
import { reportPath } from '../scenario/report-path.js';
import { buildRunReport, type RunReport } from '../../reports/run-report.js';
import { describeReceiptEvidence } from '../live/receipt-evidence.js';
import type { SystemTestResult } from './test-system.js';

/** What a reader of a live report must know about its numbers. */
const LIVE_NOTE = 'This is a live run against a real system on real timers: counts vary from run to run; the seed fixes the order of the workload and the portal\'s choices, not the timing. '
  + 'A report counts as stored when kvittering\'s read of the system\'s storage saw its row; its commit time is the row\'s stored_at when the check query returns one, otherwise when a read first saw the row '
  + '(reads run at every receipt and every storage poll), or at its last delivery if that read came only after the portal purged the message: the row was written from a delivery the portal made while it held the content.';

function rerunCommand(file: string, seed: number, lang: string): string {
  return `kvittering test ${file} --seed ${seed}${lang === 'en' ? '' : ` --lang ${lang}`}`;
}

function systemTestReport(result: SystemTestResult, context: { cwd: string; version: string; lang: string }): RunReport {
  const { profile, live } = result;
  const file = reportPath(context.cwd, resolve(context.cwd, profile.file));
  const narrative = [profile.description.trim(), LIVE_NOTE, describeReceiptEvidence(live.receiptEvidence)].filter((p) => p !== '').join('\n\n');
  return buildRunReport(
    { id: profile.receiverId, title: profile.title, narrative, expected: 'pass', file },
    { ...live, judgement: result.judgement },
    { toolVersion: `kvittering ${context.version}`, scenarioHash: profile.hash, seed: result.seed, command: rerunCommand(file, result.seed, context.lang) },
  );
}

export { systemTestReport, LIVE_NOTE };
