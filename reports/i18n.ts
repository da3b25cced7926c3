// Every human word a report prints, in English and Norwegian bokmål. Numbers and durations are
// formatted here by hand (not Intl) so output never depends on the machine's ICU data or locale.

import type { Fate } from '../harness/oracle/fates.js';
import type { VerdictKey } from '../harness/oracle/checks.js';
import type { TracePhrases } from '../harness/oracle/trace.js';
import { englishTracePhrases } from '../harness/oracle/trace.js';
import type { FaultKind } from '../harness/faults/fault-spec.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../harness/runtime/time.js';

type Lang = 'en' | 'nb';
const langs: readonly Lang[] = ['en', 'nb'];

interface Messages {
  lang: Lang;
  reportTitle: string;
  verdict: string;
  verdictValue: Record<VerdictKey, string>;
  expected: string;
  asExpected: string;
  notAsExpected: string;
  checks: string;
  check: string;
  result: string;
  summary: string;
  checkNames: Record<string, string>;
  fates: string;
  fate: string;
  fateNames: Record<Fate, string>;
  fateExplain: Record<Fate, string>;
  /** The lost-detected-late caption from the run's facts: found in time but not restored, or after the purge. */
  lateExplain: (inWindow: number, afterPurge: number) => string;
  messages: string;
  share: string;
  total: string;
  narrative: string;
  configuration: string;
  portal: string;
  receivers: string;
  workload: string;
  faultPlan: string;
  noFaults: string;
  faultKind: string;
  faultTargets: string;
  explicitMessages: (n: string) => string;
  parameter: string;
  value: string;
  moreReceivers: (n: string) => string;
  /** A fault window that hit every receiver, as the timeline's band names it. */
  allReceivers: (n: string) => string;
  differsNote: string;
  timeline: string;
  timelineCaption: (bucket: string) => string;
  timelineNoLedger: string;
  sends: string;
  writeFailures: string;
  lossesBySendTime: string;
  faultWindows: string;
  bucketHour: string;
  bucketDay: string;
  bucketWeek: string;
  dayAxis: string;
  detection: string;
  detectionCaption: (retention: string) => string;
  retentionWindow: string;
  noDetections: string;
  silentNeverDetected: (n: string) => string;
  detectedInside: string;
  /** Found while the portal held it, but not stored or printed again before the purge. */
  detectedNotRestored: string;
  detectedLate: string;
  neverDetected: string;
  minimum: string;
  median: string;
  p95: string;
  maximum: string;
  timeToDetection: string;
  timeToFallback: string;
  horizon: string;
  horizonLine: (horizon: string, required: string) => string;
  horizonShort: string;
  stoppedEarly: string;
  trace: string;
  traceCaption: (msg: string, receiver: string, fate: string, reason: 'lost' | 'duplicate') => string;
  noTrace: string;
  traceNeedsLedger: string;
  reproducibility: string;
  toolVersion: string;
  scenarioHash: string;
  seed: string;
  command: string;
  reproduceWith: string;
  /** Said under the rerun command of a live run: its numbers are not reproducible to the byte. */
  liveRunNote: string;
  affected: string;
  affectedLine: (affected: string, receivers: string) => string;
  receiver: string;
  lost: string;
  scenarioFile: string;
  eventsRun: string;
  ledgerEntries: string;
  days: string;
  thousands: string;
  decimal: string;
  duration: (ms: number) => string;
  instant: (ms: number) => string;
  tracePhrases: TracePhrases;
  calibration: string;
  calibrationCaption: (seeds: string, first: string, last: string) => string;
  figure: string;
  real: string;
  simulatedMedian: string;
  band: string;
  source: string;
  target: string;
  withinTarget: (factor: string) => string;
  outsideTarget: (factor: string) => string;
  noTarget: string;
  categories: string;
  categoryNames: Record<'a' | 'b' | 'c' | 'd', string>;
  assumptions: string;
}

function durationIn(units: readonly [string, number][]): (ms: number) => string {
  return (ms) => {
    if (!Number.isFinite(ms)) return String(ms);
    const sign = ms < 0 ? '-' : '';
    let rest = Math.abs(Math.round(ms));
    if (rest < SECOND_MS) return `${sign}${rest}ms`;
    const parts: string[] = [];
    for (const [unit, size] of units) {
      const n = Math.floor(rest / size);
      if (n > 0) parts.push(`${n}${unit}`);
      rest -= n * size;
    }
    return sign + parts.slice(0, 2).join(' ');
  };
}

function instantIn(day: string): (ms: number) => string {
  return (ms) => {
    const d = Math.floor(ms / DAY_MS);
    const inDay = ms - d * DAY_MS;
    const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
    return `${day} ${d} ${pad(inDay / HOUR_MS)}:${pad((inDay % HOUR_MS) / MINUTE_MS)}:${pad((inDay % MINUTE_MS) / SECOND_MS)}`;
  };
}

const enDuration = durationIn([['d', DAY_MS], ['h', HOUR_MS], ['m', MINUTE_MS], ['s', SECOND_MS]]);
const nbDuration = durationIn([['d', DAY_MS], ['t', HOUR_MS], ['m', MINUTE_MS], ['s', SECOND_MS]]);

const en: Messages = {
  lang: 'en',
  reportTitle: 'Delivery resilience report',
  verdict: 'Verdict',
  verdictValue: { pass: 'PASS', fail: 'FAIL', unknown: 'UNKNOWN' },
  expected: 'expected',
  asExpected: 'as expected',
  notAsExpected: 'NOT as expected',
  checks: 'Checks',
  check: 'Check',
  result: 'Result',
  summary: 'Summary',
  checkNames: { promise: 'Promise: nothing lost unnoticed', duplicates: 'No duplicate records', horizon: 'Horizon past every retention window', 'faults-applied': 'Every planned fault took effect', 'faults-met-reports': 'Every storage fault window met reports', system: 'The system stayed up and answered', 'storage-probe': 'The system\'s storage could be read', complete: 'The run reached its horizon', settled: 'The portal settled before the run was judged' },
  fates: 'Fates',
  fate: 'Fate',
  fateNames: { stored: 'stored', fallback: 'fallback (printed)', recovered: 'recovered', 'resent-by-reporter': 're-sent by the reporter, fault unrecorded', 'lost-detected-late': 'lost, detected too late', 'lost-silent': 'lost silently', 'in-flight': 'in flight' },
  fateExplain: {
    stored: 'durably committed by the receiver’s database',
    fallback: 'no receipt in time, so the portal printed and posted it',
    recovered: 'lost, detected while the portal still held it, and stored or printed again',
    'resent-by-reporter': 'lost; the reporter chased, nobody found it, and the reporter sent it again — the content arrived, the fault was never recorded (category D)',
    'lost-detected-late': 'lost: the loss was detected, but it was not stored or printed again before the portal purged it',
    'lost-silent': 'lost, and nobody ever noticed',
    'in-flight': 'the run ended before its fate was settled',
  },
  lateExplain: (inWindow, afterPurge) => {
    if (inWindow > 0 && afterPurge === 0) return 'lost: detected in time, while the portal still held it, but not stored or printed again before the purge';
    if (inWindow === 0 && afterPurge > 0) return 'lost, and detected too late: the portal had already purged it';
    if (inWindow === 0) return en.fateExplain['lost-detected-late'];
    return `lost: detected, but not stored or printed again before the purge — ${inWindow} detected in time while the portal still held it, ${afterPurge} only after the portal had purged it`;
  },
  messages: 'Messages',
  share: 'Share',
  total: 'Total',
  narrative: 'What this scenario is about',
  configuration: 'Configuration',
  portal: 'Portal',
  receivers: 'Receivers',
  workload: 'Workload',
  faultPlan: 'Fault plan',
  noFaults: 'No faults injected.',
  faultKind: 'Kind',
  faultTargets: 'Targets',
  explicitMessages: (n) => `${n} listed one by one`,
  parameter: 'Parameter',
  value: 'Value',
  moreReceivers: (n) => `… and ${n} more receivers (see the JSON report).`,
  allReceivers: (n) => `all ${n} receivers`,
  differsNote: 'Highlighted rows differ between receivers.',
  timeline: 'Timeline',
  timelineCaption: (bucket) => `Reports sent per ${bucket}, coloured by their final fate; below, the losses alone on their own scale, then database write failures. Shaded bands are fault windows.`,
  timelineNoLedger: 'The ledger was not kept for this run, so write failures are not shown.',
  sends: 'Reports sent',
  writeFailures: 'Write failures',
  lossesBySendTime: 'Losses, caught or not, by send time',
  faultWindows: 'Fault windows',
  bucketHour: 'hour',
  bucketDay: 'day',
  bucketWeek: 'week',
  dayAxis: 'day of the run',
  detection: 'Time to detection',
  detectionCaption: (retention) => `How long each loss went unnoticed, against the ${retention} the portal keeps a message after its receipt.`,
  retentionWindow: 'retention window',
  noDetections: 'No loss was detected in this run.',
  silentNeverDetected: (n) => `${n} message(s) were lost and never detected at all.`,
  detectedInside: 'detected in time (recoverable)',
  detectedNotRestored: 'detected in time, not restored before the purge',
  detectedLate: 'detected after the purge',
  neverDetected: 'never detected',
  minimum: 'min',
  median: 'median',
  p95: 'p95',
  maximum: 'max',
  timeToDetection: 'time to detection',
  timeToFallback: 'time to fallback',
  horizon: 'Horizon',
  horizonLine: (h, r) => `The run was judged at ${h}; every message’s window had closed by ${r}.`,
  horizonShort: 'The horizon ends before the last retention window closes: some fates are not settled.',
  stoppedEarly: 'The run was stopped early; the verdict covers only what ran.',
  trace: 'Minimal failing trace',
  traceCaption: (msg, receiver, fate, reason) => `${reason === 'lost' ? 'The first lost message' : 'The first message stored twice'}, #${msg} to ${receiver} (${fate}), with the faults around it.`,
  noTrace: 'Nothing was lost, so there is no failing trace.',
  traceNeedsLedger: 'The ledger was not kept for this run, so the trace cannot be shown; rerun with the ledger kept.',
  reproducibility: 'Reproducibility',
  toolVersion: 'Tool version',
  scenarioHash: 'Scenario hash',
  seed: 'Seed',
  command: 'Command',
  reproduceWith: 'Reproduce with',
  liveRunNote: 'A live run in real time: counts vary from run to run; the seed fixes the order of the workload and the portal\'s choices, not the timing.',
  affected: 'Receivers with losses',
  affectedLine: (a, r) => `${a} of ${r} receivers lost at least one message.`,
  receiver: 'Receiver',
  lost: 'lost',
  scenarioFile: 'Scenario file',
  eventsRun: 'events run',
  ledgerEntries: 'ledger entries',
  days: 'days',
  thousands: ',',
  decimal: '.',
  duration: enDuration,
  instant: instantIn('day'),
  tracePhrases: englishTracePhrases,
  calibration: 'Calibration against the sources',
  calibrationCaption: (n, first, last) => (n === '1'
    ? `This run’s seed (${first}) only — one seed says little; \`kvittering calibrate\` runs many: the simulated value beside each real figure and the source it comes from.`
    : `The same scenario over ${n} seeds (${first} to ${last}): the simulated median and its 10–90 % band beside each real figure and the source it comes from.`),
  figure: 'Figure',
  real: 'Real',
  simulatedMedian: 'Simulated median',
  band: '10–90 % band',
  source: 'Source',
  target: 'Target',
  withinTarget: (f) => `within ×${f}`,
  outsideTarget: (f) => `OUTSIDE ×${f}`,
  noTarget: '–',
  categories: 'The review’s outcome categories (median over the seeds)',
  categoryNames: {
    a: 'A: receipted, not stored, purged — content lost',
    b: 'B: noticed inside the window, re-sent from the portal',
    c: 'C: through SvarUt, recovered by manual download',
    d: 'D: re-sent by the reporter, fault unrecorded',
  },
  assumptions: 'Calibration assumptions (the simulated figures follow from these, not from the real ones)',
};

/** Fault kinds in Norwegian, for the trace; the configuration tables keep the kinds' ids. */
const nbFaultNames: Record<FaultKind, string> = {
  'db-overload': 'overbelastet database',
  'backup-spike': 'sikkerhetskopi som tar serveren',
  'db-outage': 'databasebrudd',
  'db-slow-commit': 'treg lagring',
  'db-log-full': 'full transaksjonslogg',
  'premature-ack': 'kvittering før lagring',
  'case-system-outage': 'fagsystemet nede',
  'crash-after-ack': 'krasj etter kvittering',
  'receipt-lost': 'kvittering borte',
  'receipt-duplicated': 'dobbel kvittering',
  'receipt-late': 'forsinket kvittering',
  'wrong-route': 'feil tjeneste',
  'fallback-disabled': 'utskrift slått av',
  'fallback-channel-down': 'utskriftskanalen nede',
  'recipient-role-missing': 'manglende rolle hos mottaker',
  'notification-flood': 'flom av varsler',
  'case-system-crash': 'fagsystemet krasjer',
  'early-purge': 'tidlig sletting',
  'db-session-kill': 'databaseøkter avbrutt',
  'db-statement-timeout': 'tidsgrense for spørringer',
  'db-lock-timeout': 'tidsgrense for låsventing',
  'db-connection-exhaustion': 'ingen ledige databasetilkoblinger',
};

const nbTransport: Record<string, string> = { ack: 'ack (bekreftet)', nack: 'nack (avvist)', 'nack-requeue': 'nack med ny kø', timeout: 'tidsavbrudd' };
const nbDuplicateAction: Record<string, string> = { 'already-stored': 'allerede lagret', 'joined-pending': 'venter på skrivingen som pågår', 'ignored-seen': 'ignorert fordi den var sett før' };
const nbFailReason: Record<string, string> = { feilet: '«feilet» fra mottakeren', 'permanent-failure': 'permanent feil', 'max-deliveries': 'for mange leveringsforsøk', 'receipt-deadline': 'fristen for kvittering gikk ut' };
const nbFallbackOutcome: Record<string, string> = { suppressed: 'utskrift er slått av', 'channel-down': 'utskriftskanalen er nede', printed: 'skrevet ut' };
/** Discard reasons the simulators write, in Norwegian; an unknown one is shown as written. */
const nbDiscardReason: Record<string, string> = { 'write failed after receipt was sent': 'skrivingen feilet etter at kvitteringen var sendt' };

const nbTracePhrases: TracePhrases = {
  instant: instantIn('dag'),
  duration: nbDuration,
  send: (e, who) => `${e.sender === 'public' ? 'en offentlig melder' : 'en privatperson'} sendte melding #${e.msg} til ${who}`,
  deliver: (e, who) => e.style === 'push'
    ? `portalen leverte #${e.msg} til ${e.route === 'wrong' ? 'en kanal ingen følger med på' : who} (levering ${e.attempt})`
    : `${who} lastet ned #${e.msg} fra portalen${e.route === 'wrong' ? ' via feil tjeneste' : ''} (levering ${e.attempt})`,
  transport: (e, who) => `${who} svarte transporten med ${nbTransport[e.response] ?? e.response}`,
  'receipt-sent': (e, who) => `${who} sendte kvittering «${e.receipt}»${e.permanent === true ? ' (permanent)' : ''} — ${e.committed ? 'etter' : 'FØR'} posten var lagret`,
  receipt: (e) => `portalen fikk kvittering «${e.receipt}»${e.duplicate ? ' (duplikat)' : ''}`,
  'receipt-fault': (e) => `kvitteringen ble ${e.fault === 'lost' ? 'borte' : e.fault === 'duplicated' ? 'duplisert' : `forsinket${e.delayMs === undefined ? '' : ` med ${nbDuration(e.delayMs)}`}`} underveis`,
  write: (e, who) => `${who} begynte å skrive #${e.msg} til databasen (forsøk ${e.attempt})`,
  'write-result': (e) => `databaseskrivingen ${e.outcome === 'ok' ? 'lyktes' : e.outcome === 'fail' ? 'FEILET' : 'fikk tidsavbrudd (utfall ukjent)'}${e.error === undefined ? '' : ` med ${e.error}`} etter ${nbDuration(e.latencyMs)}`,
  commit: (e) => `databasen lagret #${e.msg}${e.duplicate ? ' på nytt (duplikat)' : ''}`,
  discard: (e, who) => `${who} forkastet #${e.msg} uten å si fra til portalen: ${nbDiscardReason[e.reason] ?? e.reason}`,
  retry: (e, who) => `${who} prøver skrivingen igjen om ${nbDuration(e.backoffMs)} (forsøk ${e.attempt})`,
  'duplicate-delivery': (e, who) => `${who} fikk #${e.msg} på nytt: ${nbDuplicateAction[e.action] ?? e.action}`,
  'portal-failed': (e) => `portalen markerte #${e.msg} som feilet (${nbFailReason[e.reason] ?? e.reason})`,
  fallback: (e) => e.outcome === 'printed' ? `portalen skrev ut #${e.msg} og sendte den i posten` : `portalen kunne ikke skrive ut #${e.msg}: ${nbFallbackOutcome[e.outcome] ?? e.outcome}`,
  purge: (e) => `portalen SLETTET #${e.msg} — innholdet er borte`,
  redeliver: (e) => `portalen leverte #${e.msg} på nytt${e.accepted ? '' : ' (avvist: allerede slettet)'}`,
  resend: (e) => `melderen purret, ingen fant meldingen, og melderen sendte den på nytt som #${e.asMsg} — ingen feil registrert`,
  detect: (e) => `tapet av #${e.msg} ble oppdaget ved ${e.by === 'reconciliation' ? 'avstemming' : e.by === 'reporter' ? 'purring fra melder' : 'varsling'}${e.portalHolds ? ' mens portalen fortsatt hadde den' : ' etter at portalen hadde slettet den'}`,
  notify: (e) => `mottakeren ble varslet om #${e.msg}${e.noticed ? '' : ' (ikke lagt merke til)'}`,
  open: (e) => `en person åpnet #${e.msg}`,
  inbox: (e) => `#${e.msg} kom i innboksen${e.roleAssigned ? '' : ' — ingen har rollen som trengs for å lese den'}`,
  crash: (e, who) => `${who} krasjet i ${nbDuration(e.downMs)} (${e.abortedWrites} skriving(er) avbrutt)`,
  restart: (_e, who) => `${who} startet på nytt`,
  fault: (e) => `feilen «${nbFaultNames[e.fault as FaultKind] ?? e.fault}» ${e.phase === 'start' ? 'startet' : e.phase === 'heal' ? 'opphørte' : 'inntraff'} (mål ${e.target === '*' ? 'alle mottakere' : e.target})`,
  reconcile: (e, who) => `${who} avstemte ${e.checked} id-er, ${e.missing} mangler`,
};

const nb: Messages = {
  lang: 'nb',
  reportTitle: 'Rapport om leveringssikkerhet',
  verdict: 'Dom',
  verdictValue: { pass: 'BESTÅTT', fail: 'IKKE BESTÅTT', unknown: 'UAVKLART' },
  expected: 'forventet',
  asExpected: 'som forventet',
  notAsExpected: 'IKKE som forventet',
  checks: 'Kontroller',
  check: 'Kontroll',
  result: 'Resultat',
  summary: 'Oppsummering',
  checkNames: { promise: 'Løftet: ingenting tapt uten at noen merker det', duplicates: 'Ingen doble poster', horizon: 'Horisonten når forbi hvert oppbevaringsvindu', 'faults-applied': 'Hver planlagt feil fikk virkning', 'faults-met-reports': 'Hvert lagringsfeilvindu traff meldinger', system: 'Systemet holdt seg oppe og svarte', 'storage-probe': 'Systemets lager kunne leses', complete: 'Kjøringen nådde horisonten', settled: 'Portalen var ferdig før kjøringen ble vurdert' },
  fates: 'Utfall',
  fate: 'Utfall',
  fateNames: { stored: 'lagret', fallback: 'reserve (skrevet ut)', recovered: 'gjenopprettet', 'resent-by-reporter': 'sendt på nytt av melder, feilen ikke registrert', 'lost-detected-late': 'tapt, oppdaget for sent', 'lost-silent': 'tapt i stillhet', 'in-flight': 'underveis' },
  fateExplain: {
    stored: 'varig lagret i mottakerens database',
    fallback: 'ingen kvittering i tide, så portalen skrev den ut og sendte den i posten',
    recovered: 'tapt, oppdaget mens portalen fortsatt hadde den, og lagret eller skrevet ut på nytt',
    'resent-by-reporter': 'tapt; melderen purret, ingen fant meldingen, og melderen sendte den på nytt — innholdet kom fram, men feilen ble aldri registrert (kategori D)',
    'lost-detected-late': 'tapt: tapet ble oppdaget, men meldingen ble ikke lagret eller skrevet ut på nytt før portalen slettet den',
    'lost-silent': 'tapt, og ingen merket det noen gang',
    'in-flight': 'kjøringen sluttet før utfallet var avgjort',
  },
  lateExplain: (inWindow, afterPurge) => {
    if (inWindow > 0 && afterPurge === 0) return 'tapt: oppdaget i tide, mens portalen fortsatt hadde den, men ikke lagret eller skrevet ut på nytt før slettingen';
    if (inWindow === 0 && afterPurge > 0) return 'tapt, og oppdaget for sent: portalen hadde allerede slettet den';
    if (inWindow === 0) return nb.fateExplain['lost-detected-late'];
    return `tapt: oppdaget, men ikke lagret eller skrevet ut på nytt før slettingen — ${inWindow} oppdaget i tide mens portalen fortsatt hadde dem, ${afterPurge} først etter at portalen hadde slettet dem`;
  },
  messages: 'Meldinger',
  share: 'Andel',
  total: 'Totalt',
  narrative: 'Hva scenarioet handler om',
  configuration: 'Oppsett',
  portal: 'Portal',
  receivers: 'Mottakere',
  workload: 'Trafikk',
  faultPlan: 'Feilplan',
  noFaults: 'Ingen feil lagt inn.',
  faultKind: 'Type',
  faultTargets: 'Mål',
  explicitMessages: (n) => `${n} oppgitt enkeltvis`,
  parameter: 'Parameter',
  value: 'Verdi',
  moreReceivers: (n) => `… og ${n} mottakere til (se JSON-rapporten).`,
  allReceivers: (n) => `alle ${n} mottakere`,
  differsNote: 'Uthevede rader er ulike mellom mottakerne.',
  timeline: 'Tidslinje',
  timelineCaption: (bucket) => `Meldinger sendt per ${bucket}, farget etter endelig utfall; under, bare tapene på egen skala, deretter feilede databaseskrivinger. Skraverte felt er feilvinduer.`,
  timelineNoLedger: 'Loggen ble ikke tatt vare på i denne kjøringen, så feilede skrivinger vises ikke.',
  sends: 'Meldinger sendt',
  writeFailures: 'Feilede skrivinger',
  lossesBySendTime: 'Tap, oppdaget eller ikke, etter sendetidspunkt',
  faultWindows: 'Feilvinduer',
  bucketHour: 'time',
  bucketDay: 'døgn',
  bucketWeek: 'uke',
  dayAxis: 'døgn i kjøringen',
  detection: 'Tid til oppdagelse',
  detectionCaption: (retention) => `Hvor lenge hvert tap gikk upåaktet hen, mot de ${retention} portalen tar vare på en melding etter kvittering.`,
  retentionWindow: 'oppbevaringsvindu',
  noDetections: 'Ingen tap ble oppdaget i denne kjøringen.',
  silentNeverDetected: (n) => `${n} meldinger gikk tapt og ble aldri oppdaget.`,
  detectedInside: 'oppdaget i tide (kan gjenopprettes)',
  detectedNotRestored: 'oppdaget i tide, ikke gjenopprettet før slettingen',
  detectedLate: 'oppdaget etter sletting',
  neverDetected: 'aldri oppdaget',
  minimum: 'min',
  median: 'median',
  p95: 'p95',
  maximum: 'maks',
  timeToDetection: 'tid til oppdagelse',
  timeToFallback: 'tid til reserveløsning',
  horizon: 'Horisont',
  horizonLine: (h, r) => `Kjøringen ble bedømt ved ${h}; alle meldingers vinduer var lukket ved ${r}.`,
  horizonShort: 'Horisonten slutter før siste oppbevaringsvindu lukkes: noen utfall er ikke avgjort.',
  stoppedEarly: 'Kjøringen ble stoppet tidlig; dommen gjelder bare det som ble kjørt.',
  trace: 'Minste feilende forløp',
  traceCaption: (msg, receiver, fate, reason) => `${reason === 'lost' ? 'Den første tapte meldingen' : 'Den første meldingen lagret to ganger'}, #${msg} til ${receiver} (${fate}), med feilene rundt den.`,
  noTrace: 'Ingenting gikk tapt, så det finnes ikke noe feilende forløp.',
  traceNeedsLedger: 'Loggen ble ikke tatt vare på i denne kjøringen, så forløpet kan ikke vises; kjør på nytt med loggen.',
  reproducibility: 'Reproduserbarhet',
  toolVersion: 'Verktøyversjon',
  scenarioHash: 'Scenario-hash',
  seed: 'Frø (seed)',
  command: 'Kommando',
  reproduceWith: 'Reproduser med',
  liveRunNote: 'En live-kjøring med ekte tidtakere: tallene varierer fra kjøring til kjøring; frøet bestemmer rekkefølgen i arbeidsmengden og portalens valg, ikke tidsforløpet.',
  affected: 'Mottakere med tap',
  affectedLine: (a, r) => `${a} av ${r} mottakere mistet minst én melding.`,
  receiver: 'Mottaker',
  lost: 'tapt',
  scenarioFile: 'Scenariofil',
  eventsRun: 'hendelser kjørt',
  ledgerEntries: 'loggføringer',
  days: 'døgn',
  thousands: '\u00a0',
  decimal: ',',
  duration: nbDuration,
  instant: instantIn('dag'),
  tracePhrases: nbTracePhrases,
  calibration: 'Kalibrering mot kildene',
  calibrationCaption: (n, first, last) => (n === '1'
    ? `Bare denne kjøringens frø (${first}) — ett frø sier lite; \`kvittering calibrate\` kjører mange: simulert verdi ved siden av hvert faktiske tall og kilden det kommer fra.`
    : `Det samme scenarioet med ${n} frø (${first} til ${last}): simulert median og 10–90 %-intervall ved siden av hvert faktiske tall og kilden det kommer fra.`),
  figure: 'Tall',
  real: 'Faktisk',
  simulatedMedian: 'Simulert median',
  band: '10–90 %-intervall',
  source: 'Kilde',
  target: 'Mål',
  withinTarget: (f) => `innenfor ×${f}`,
  outsideTarget: (f) => `UTENFOR ×${f}`,
  noTarget: '–',
  categories: 'Gjennomgangens utfallskategorier (median over frøene)',
  categoryNames: {
    a: 'A: kvittert, ikke lagret, slettet — innholdet tapt',
    b: 'B: oppdaget innenfor vinduet, sendt på nytt fra portalen',
    c: 'C: via SvarUt, gjenopprettet ved manuell nedlasting',
    d: 'D: sendt på nytt av melder, feilen ikke registrert',
  },
  assumptions: 'Kalibreringsforutsetninger (de simulerte tallene følger av disse, ikke av de faktiske)',
};

const catalogue: Record<Lang, Messages> = { en, nb };

function messagesFor(lang: Lang): Messages {
  return catalogue[lang];
}

/** 12345 → "12,345" (en) or "12 345" (nb). */
function formatInteger(n: number, m: Messages): string {
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, m.thousands);
  return (n < 0 ? '-' : '') + grouped;
}

/** A count or a median: whole numbers plain, others with one decimal ("10.5" / "10,5"). */
function formatNumber(n: number, m: Messages): string {
  if (Number.isInteger(n)) return formatInteger(n, m);
  const tenths = Math.round(Math.abs(n) * 10);
  return `${n < 0 ? '-' : ''}${formatInteger(Math.floor(tenths / 10), m)}${m.decimal}${tenths % 10}`;
}

/** A share as a percentage with one decimal: "12.5 %" / "12,5 %". */
function formatPercent(part: number, whole: number, m: Messages): string {
  if (whole === 0) return '–';
  const tenths = Math.round((part / whole) * 1000);
  return `${Math.floor(tenths / 10)}${m.decimal}${tenths % 10}\u00a0%`;
}

export { messagesFor, formatInteger, formatNumber, formatPercent, langs };
export type { Lang, Messages };
