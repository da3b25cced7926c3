// The scenario file format, written once as a zod schema: it validates files on load and is exported
// as scenarios/kvittering-scenario.schema.json for editors. Field names carry no units: durations are
// strings with units (see duration.ts), percentages end in Pct, counts are plain numbers.

import { z } from 'zod';
import { faultKinds } from '../faults/fault-spec.js';
import { ackPolicies } from '../../simulators/case-system/case-system.js';
import {
  dateExpected, datePattern, durationExpected, durationPattern, instantExpected, instantPattern, intervalExpected, intervalPattern,
} from './duration.js';

const duration = (description: string) => z.string().regex(durationPattern, { error: durationExpected }).meta({ description });
const interval = (description: string) => z.string().regex(intervalPattern, { error: intervalExpected }).meta({ description });
const instant = (description: string) => z.string().regex(instantPattern, { error: instantExpected }).meta({ description });
const pct = (description: string) => z.number().min(0).max(100).meta({ description });
const count = (description: string) => z.int().min(0).meta({ description });
const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'a lower-case id of letters, digits, ".", "_" or "-"' });

const text = (description: string) => z.union([
  z.string().min(1),
  z.strictObject({ en: z.string().min(1), nb: z.string().min(1) }),
], { error: 'a string, or { en, nb } with the English and the Norwegian text' }).meta({ description: `${description} A plain string, or { en, nb } for English and Norwegian bokmål.` });

const verdicts = ['pass', 'fail', 'unknown'] as const;

const portalSchema = z.strictObject({
  retention: duration('How long the portal keeps a message after its receipt or failure (14d before 2023, 30d after).').optional(),
  receiptDeadline: duration('No protocol receipt by then ⇒ print and post, as a plain duration (the default without `start`: 2d).').optional(),
  receiptDeadlineWorkingDays: count('With `start` set: the deadline in Norwegian working days (weekends and public holidays do not count); default 2, KS\'s rule. Ignored when receiptDeadline is given.').optional(),
  fallback: z.boolean().meta({ description: 'Whether the portal prints and posts when delivery fails.' }).optional(),
  maxDeliveries: z.int().min(1).meta({ description: 'Push deliveries without ack before the sender gets a server error.' }).optional(),
  redeliveryDelay: duration('Wait before a push is delivered again.').optional(),
  deliveryTimeout: duration('No transport answer within this time counts as a failed delivery.').optional(),
  fallbackRetry: duration('While the print channel is down, how often the portal tries again.').optional(),
  linkLatency: duration('One-way network latency between portal and receivers.').optional(),
}).meta({ description: 'The national portal (NPB on Fiks, or SvarUt).' });

const caseSystemSchema = z.strictObject({
  ackPolicy: z.enum(ackPolicies).meta({ description: 'after-commit (correct), before-commit (the 2023 flaw), retry-then-fail (the vendor fix).' }).optional(),
  retries: count('retry-then-fail: write attempts after the first.').optional(),
  retryBackoff: duration('retry-then-fail: first backoff; doubles each retry.').optional(),
  processingDelay: duration('Import time before the write starts.').optional(),
  dedupeBy: z.enum(['stored', 'seen']).meta({ description: '"stored" asks the database (correct); "seen" trusts memory (known-bad).' }).optional(),
  pollInterval: duration('Poll style: how often the case system asks for new shipments (KS recommends 15m).').optional(),
});

const databaseSchema = z.strictObject({
  workers: z.int().min(1).meta({ description: 'Sessions the SQL server works on at once.' }).optional(),
  queueLimit: count('Requests that may wait for a memory grant.').optional(),
  serviceTimeMean: duration('Mean time one write takes without load.').optional(),
  requestTimeout: duration('The client request timeout (tedious: 15s).').optional(),
  deadlockPctAtFullLoad: pct('Chance of a 1205 deadlock victim when every worker is busy.').optional(),
  connectTimeout: duration('How long a write waits before ESOCKET while the server is down.').optional(),
});

const inboxSchema = z.strictObject({
  roleAssigned: z.boolean().meta({ description: 'Whether the confidential-mail role is assigned for this organisation number.' }).optional(),
  notificationsPerDay: z.number().min(0).meta({ description: 'Notifications of all kinds the role holders get per day.' }).optional(),
  attentionPerDay: z.number().positive().meta({ description: 'Notifications a person attends to per day.' }).optional(),
  openDelayMean: duration('Mean delay from a noticed notification to opening.').optional(),
  browseFindPct: pct('Chance an unnoticed message is found by browsing.').optional(),
  browseDelayMean: duration('Mean delay until browsing finds it.').optional(),
});

const controlsSchema = z.strictObject({
  reconciliationInterval: interval('Compare the portal export with stored ids this often; "off" = never.').optional(),
  reconciliationGrace: duration('Ignore receipts younger than this.').optional(),
  publicChasePct: pct('Chance a public-sector reporter chases a missing answer.').optional(),
  privateChasePct: pct('Chance a private reporter chases a missing answer.').optional(),
  chaseAfter: duration('When reporters start chasing (feedback is owed within 3 weeks).').optional(),
  chaseDelayMean: duration('Mean extra delay before a chase.').optional(),
  chaseResendPct: pct('When a chase finds nothing: chance the reporter just sends it again and nobody records a fault (category D); otherwise the case worker checks the portal.').optional(),
  logAudit: instant('A one-off log review at this instant (e.g. the day the fault became known): stored ids against the portal export; what the portal still holds is re-sent.').optional(),
  alertDelay: interval('Someone acts on a dropped write in the error log after this delay; "off" = nobody.').optional(),
}).meta({ description: 'Municipal controls that detect losses. All off by default, as in 2020–2023.' });

const receiverSchema = z.strictObject({
  id,
  title: text('A name for people.').optional(),
  count: z.int().min(1).meta({ description: 'Make a group of this many identical receivers, ids "<id>-1" … "<id>-<count>"; faults that target the id hit every member.' }).optional(),
  route: z.enum(['case-system', 'inbox']).meta({ description: 'A case system with a database, or an Altinn-like inbox.' }).optional(),
  style: z.enum(['push', 'poll']).meta({ description: 'push (Fiks IO) or poll (SvarInn).' }).optional(),
  weight: z.number().min(0).meta({ description: 'Relative share of the workload (per member of a group).' }).optional(),
  digitalOnly: z.boolean().meta({ description: 'The sender chose "digital only": no print fallback.' }).optional(),
  caseSystem: caseSystemSchema.optional(),
  database: databaseSchema.optional(),
  inbox: inboxSchema.optional(),
  controls: controlsSchema.optional(),
});

const faultSchema = z.strictObject({
  kind: z.enum(faultKinds),
  targets: z.array(id).min(1).meta({ description: 'Receiver or group ids; omitted = every receiver.' }).optional(),
  from: instant('Window faults: when the window opens.').optional(),
  to: instant('Window faults: when it heals.').optional(),
  at: instant('Event faults (case-system-crash, early-purge, db-session-kill): when it happens.').optional(),
  repeatEvery: duration('Reopen the window this often (e.g. "1d" for a nightly backup) …').optional(),
  repeatUntil: instant('… until this time.').optional(),
  probabilityPct: pct('Per-message faults: the chance per message.').optional(),
  slowdownFactor: z.number().min(1).meta({ description: 'db-overload, backup-spike, db-slow-commit: service-time multiplier.' }).optional(),
  offlineWorkersPct: pct('db-overload, backup-spike: share of database workers taken by other load.').optional(),
  delay: duration('receipt-late: extra delay; db-slow-commit: extra time per commit.').optional(),
  down: duration('case-system-crash, crash-after-ack: how long the process stays down.').optional(),
  notificationsPerDay: z.number().min(0).meta({ description: 'notification-flood: extra notifications per day.' }).optional(),
});

const workloadSchema = z.strictObject({
  ratePerDay: z.number().min(0).meta({ description: 'Reports per day over all receivers (Poisson).' }).optional(),
  duration: duration('How long reports are sent.').optional(),
  maxMessages: count('Stop after this many reports (0 = no cap).').optional(),
  publicSharePct: pct('Share of reports from public-sector reporters.').optional(),
  volumeSharePct: pct('Share of the stated volume (rate or periods) that reaches this topology; the rest goes elsewhere.').optional(),
  hourlyProfile: z.array(z.number().min(0)).length(24).meta({ description: 'Relative arrival rate per hour of the day (24 numbers from 00:00); scaled to keep the volume. Omitted = even over day and night.' }).optional(),
  weekdayProfile: z.array(z.number().min(0)).length(7).meta({ description: 'Relative arrival rate per day of the week (7 numbers, Monday first; needs `start`); scaled to keep the volume. Omitted = every day alike.' }).optional(),
  bursts: z.array(z.strictObject({ from: instant('Start.'), to: instant('End.'), multiplier: z.number().min(1) })).optional(),
  periods: z.array(z.strictObject({
    from: instant('Start of the period.'),
    to: instant('End of the period.'),
    reports: z.number().positive().meta({ description: 'Reports sent in the period (e.g. a quarter of the portal statistics).' }),
  })).min(1).meta({ description: 'Piecewise-constant volume: contiguous periods from the start, each with its report count. Replaces ratePerDay and duration.' }).optional(),
  messages: z.array(z.strictObject({ at: instant('When it is sent.'), receiver: id, sender: z.enum(['public', 'private']) }))
    .meta({ description: 'Explicit reports; when given, the Poisson fields are ignored.' }).optional(),
});

const sweepSchema = z.strictObject({
  retention: z.array(duration('Portal retention.')).min(1).optional(),
  reconciliationInterval: z.array(interval('Reconciliation interval.')).min(1).optional(),
  ackPolicy: z.array(z.enum(ackPolicies)).min(1).optional(),
}).meta({ description: 'A grid of parameters for `kvittering sweep`; each value replaces the scenario\'s for every receiver.' });

const measures = ['receivers', 'affected-receivers', 'reports', 'lost-reports', 'content-lost', 'recovered', 'resent-by-reporter'] as const;

const referenceFigureSchema = z.strictObject({
  figure: text('What the figure counts, for people.'),
  real: z.number().min(0).meta({ description: 'The real value, exactly as the source gives it.' }),
  source: z.string().min(1).meta({ description: 'Source file and table (or section) the value comes from.' }),
  measure: z.enum(measures).meta({ description: 'What to count in the run: receivers in scope, receivers with a loss, reports sent, reports receipted but not stored (any outcome), content lost (A), recovered from the portal (B/C), re-sent by the reporter (D).' }),
  receivers: z.array(id).min(1).meta({ description: 'Only these receivers or groups; omitted = all.' }).optional(),
  per: z.enum(['run', 'receiver']).meta({ description: '"receiver": one value per receiver in scope (e.g. "an xl municipality"), pooled over seeds; default "run".' }).optional(),
  from: instant('Only reports sent from this time …').optional(),
  to: instant('… until (before) this time.').optional(),
  tolerance: z.number().min(1).meta({ description: 'Target: the simulated median within this factor of the real value.' }).optional(),
});

const referenceSchema = z.strictObject({
  source: z.string().meta({ description: 'Where the figures come from.' }),
  seeds: z.int().min(1).max(1000).meta({ description: '`kvittering calibrate`: how many seeds to run (default 10).' }).optional(),
  figures: z.array(referenceFigureSchema).min(1).meta({ description: 'Each real figure once, with its source; the run is measured the same way.' }),
  assumptions: z.array(text('One calibration assumption.')).meta({ description: 'Every calibration assumption, printed with the comparison.' }),
}).meta({ description: 'Real figures to print beside the simulated ones.' });

const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  title: text('The scenario in one line.'),
  narrative: text('What happens, in plain language, for readers who are not engineers.'),
  expected: z.enum(verdicts).meta({ description: 'The verdict the run must reach: pass, fail (the configuration is unsafe) or unknown.' }),
  seed: z.int().meta({ description: 'Root seed: same file + seed ⇒ identical ledger and report.' }),
  start: z.string().regex(datePattern, { error: dateExpected }).meta({ description: 'Calendar date of the run\'s start; lets instants be written as dates.' }).optional(),
  horizon: instant('When the oracle judges; omitted = past the last retention window plus a quiet day.').optional(),
  keepLedger: z.boolean().meta({ description: 'Keep every ledger entry (default) or only fold them into the oracle (national-scale runs).' }).optional(),
  portal: portalSchema.optional(),
  topology: z.strictObject({ receivers: z.array(receiverSchema).min(1) }),
  workload: workloadSchema.optional(),
  faults: z.array(faultSchema).optional(),
  controls: controlsSchema.optional(),
  sweep: sweepSchema.optional(),
  reference: referenceSchema.optional(),
}).meta({ title: 'kvittering scenario', description: 'One scenario for the kvittering simulation harness.' });

type ScenarioFile = z.infer<typeof scenarioSchema>;
type ReceiverEntry = z.infer<typeof receiverSchema>;
type FaultEntry = z.infer<typeof faultSchema>;
type ControlsEntry = z.infer<typeof controlsSchema>;
type SweepEntry = z.infer<typeof sweepSchema>;
type ReferenceEntry = z.infer<typeof referenceSchema>;
type ReferenceFigureEntry = z.infer<typeof referenceFigureSchema>;
type ExpectedVerdict = (typeof verdicts)[number];

export { scenarioSchema, faultSchema, ackPolicies };
export type { ScenarioFile, ReceiverEntry, FaultEntry, ControlsEntry, SweepEntry, ReferenceEntry, ReferenceFigureEntry, ExpectedVerdict };
