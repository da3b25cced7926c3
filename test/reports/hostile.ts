// A run whose every piece of free text is hostile: markup, quotes, Markdown, control characters and a
// code fence — as a careless or malicious scenario file could write them. Shared by the escaping tests
// and the browser check.

import { simulate } from '../../harness/runner/simulate.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { buildRunReport, type RunReport } from '../../reports/run-report.js';

const hostileTitle = '</title><script>alert("x")</script> <img src=x onerror=alert(1)> & "quotes" \'single\' ]]> | pipe [link](javascript:alert(1)) *bold* `tick` \u0000\u001b';
const hostileReceiver = '"><svg onload=alert(2)>';

function hostileReport(): RunReport {
  const result = simulate(resolveSimulation({
    seed: 5,
    portal: { retentionDays: 3 },
    receivers: [{ id: hostileReceiver, caseSystem: { ackPolicy: 'before-commit' } }],
    workload: { ratePerDay: 40, durationMs: DAY_MS, publicSharePct: 50 },
    faults: [{ kind: 'backup-spike', targets: [hostileReceiver], fromMs: HOUR_MS, toMs: 5 * HOUR_MS, slowdownFactor: 2000, offlineWorkersPct: 90 }],
  }));
  return buildRunReport(
    { id: 'evil<id>&"', title: hostileTitle, narrative: `First <b>paragraph</b>\n\n\`\`\`\nfenced\n\`\`\`\n\n<script>alert(3)</script>`, expected: 'pass', file: 'scenarios/<evil>.yaml' },
    result,
    { toolVersion: '0.1.0<x>', scenarioHash: 'sha256:"hash"', seed: 5, command: 'npx kvittering run "a b.yaml" --title \'`x`\' ```<script>' },
  );
}

export { hostileReport, hostileTitle, hostileReceiver };
