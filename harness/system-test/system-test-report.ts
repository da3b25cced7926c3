// A live system test as a RunReport, through the same buildRunReport and renderers (JSON, JUnit,
// Markdown, HTML; en and nb) as a simulated run: the live RunResult, with the judgement that carries
// the system checks (faults applied, system, storage probe).

import { resolve } from 'node:path';
import { reportPath } from '../scenario/report-path.js';
import { buildRunReport, type RunReport } from '../../reports/run-report.js';
import { describeReceiptEvidence } from '../live/receipt-evidence.js';
import type { SystemTestResult } from './test-system.js';

/** What a reader of a live report must know about its numbers. */
const LIVE_NOTE = {
  en: 'This is a live run against a real system on real timers: counts vary from run to run; the seed fixes the order of the workload and the portal\'s choices, not the timing. '
    + 'A report counts as stored when kvittering\'s read of the system\'s storage saw its row; its commit time is the row\'s stored_at when the check query returns one, otherwise when a read first saw the row '
    + '(reads run at every receipt and every storage poll), or at its last delivery if that read came only after the portal purged the message: the row was written from a delivery the portal made while it held the content.',
  nb: 'Dette er en live-kjøring mot et ekte system med ekte tidtakere: tallene varierer fra kjøring til kjøring; frøet bestemmer rekkefølgen i arbeidsmengden og portalens valg, ikke tidsforløpet. '
    + 'En melding regnes som lagret når verktøyets lesing av systemets lager så raden; commit-tidspunktet er radens stored_at når kontrollspørringen gir den, ellers når en lesing første gang så raden '
    + '(det leses ved hver kvittering og hver lagerrunde), eller ved siste levering hvis den lesingen kom først etter at portalen slettet meldingen: raden ble skrevet fra en levering portalen gjorde mens den ennå hadde innholdet.',
} as const;

function rerunCommand(file: string, seed: number, lang: string): string {
  return `kvittering test ${file} --seed ${seed}${lang === 'en' ? '' : ` --lang ${lang}`}`;
}

function systemTestReport(result: SystemTestResult, context: { cwd: string; version: string; lang: string }): RunReport {
  const { profile, live } = result;
  const file = reportPath(context.cwd, resolve(context.cwd, profile.file));
  // The profile's description is the vendor's own words; what kvittering says is in both languages.
  const narrate = (lang: 'en' | 'nb') => [profile.description.trim(), LIVE_NOTE[lang], describeReceiptEvidence(live.receiptEvidence, lang)].filter((p) => p !== '').join('\n\n');
  const narrative = { en: narrate('en'), nb: narrate('nb') };
  return buildRunReport(
    { id: profile.receiverId, title: profile.title, narrative, expected: 'pass', file },
    { ...live, judgement: result.judgement },
    { toolVersion: `kvittering ${context.version}`, scenarioHash: profile.hash, seed: result.seed, command: rerunCommand(file, result.seed, context.lang) },
  );
}

export { systemTestReport, LIVE_NOTE };
