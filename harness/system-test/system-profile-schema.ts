// The system profile (`kvittering test <system.yaml>`): the case system under test as a vendor or a
// municipality describes it — its portal account, how to start it and see that it is ready, where it
// stores reports and which of the database's tables and sessions are its own — plus the time scale,
// the traffic and the faults. Faults are written exactly as in scenario files. Exported as
// system-profile.schema.json for editors.

import { z } from 'zod';
import { faultSchema } from '../scenario/scenario-schema.js';
import type { FaultKind } from '../faults/fault-spec.js';
import { profileFaultKinds } from './system-fault-kinds.js';
import { durationExpected, durationPattern } from '../scenario/duration.js';

const duration = (description: string) => z.string().regex(durationPattern, { error: durationExpected }).meta({ description });
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'an environment variable name like PORTAL_PASSWORD' });

const readySchema = z.union([
  z.strictObject({ logLine: z.string().min(1).meta({ description: 'A regular expression; the system is ready when a line of its stdout or stderr matches.' }) }),
  z.strictObject({ httpUrl: z.string().regex(/^https?:\/\//, { error: 'an http(s) URL' }).meta({ description: 'The system is ready when this URL answers 2xx.' }) }),
]).meta({ description: 'How kvittering knows the started system is ready: a log line, or an HTTP URL.' });

const startSchema = z.strictObject({
  command: z.array(z.string().min(1)).min(1).meta({ description: 'The program and its arguments (no shell). {portalUrl} is replaced by the portal\'s address.' }),
  cwd: z.string().meta({ description: 'Working directory, relative to this file (default: its directory).' }).optional(),
  env: z.record(z.string(), z.string()).meta({ description: 'Extra environment; {portalUrl} is replaced here too.' }).optional(),
  ready: readySchema,
  readyTimeout: duration('Longest wait for readiness (wall time, default 20s); a system that is not ready makes the verdict UNKNOWN.').optional(),
  restart: z.boolean().meta({ description: 'Start the system again after an exit kvittering did not cause (default true); the exit is a fault in the report either way.' }).optional(),
});

const fiksIoSchema = z.strictObject({
  brokerUrl: z.string().regex(/^amqps?:\/\//, { error: 'an amqp:// URL with the vhost, like amqp://guest:guest@127.0.0.1:5672/%2F' })
    .meta({ description: 'The RabbitMQ broker (and vhost) the portal publishes to and the system consumes from. ${NAME} reads the environment.' }),
  kontoId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'a Fiks IO account id (a UUID)' })
    .meta({ description: 'The system\'s Fiks IO account id, as its client is configured: the portal publishes to fiksio.konto.<kontoId>.' }),
  ttl: duration('The TTL the portal puts on each report (virtual, default 24h, KS\'s recommendation); expired at the head of the queue ⇒ tidsavbrudd ⇒ print.').optional(),
}).meta({ description: 'fiks-io: what a Fiks IO client needs besides its integration id (username) and password (passwordEnv).' });

const systemSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'a lower-case id of letters, digits, ".", "_" or "-"' }).meta({ description: 'The municipality (receiver) id the portal routes reports to; default "system".' }).optional(),
  style: z.enum(['poll', 'push', 'fiks-io']).meta({ description: 'poll: the system fetches from SvarInn; push: the portal POSTs to pushUrl; fiks-io: the portal publishes to the system\'s Fiks IO account queue (see fiksIo).' }),
  username: z.string().min(1).meta({ description: 'The system\'s account at the portal (SvarInn Basic auth; for fiks-io its IntegrasjonId).' }),
  passwordEnv: envName.meta({ description: 'The environment variable holding the account\'s password, for fiks-io its IntegrasjonPassord (never the password itself).' }),
  pushUrl: z.string().regex(/^https?:\/\//, { error: 'an http(s) URL' }).meta({ description: 'push: where the portal POSTs messages.' }).optional(),
  fiksIo: fiksIoSchema.optional(),
  start: startSchema.optional(),
  pollGap: duration('poll: longest silence between two polls (wall time) before it is a fault (sut-poll-gap). Default without start: the receipt deadline in wall time; with start, polls are watched only when this is set.').optional(),
});

const sessionsSchema = z.union([
  z.strictObject({ applicationName: z.string().min(1).meta({ description: 'pg_stat_activity.application_name of the system\'s connections.' }) }),
  z.strictObject({ user: z.string().min(1).meta({ description: 'The database role the system logs in as.' }) }),
  z.strictObject({ clientAddress: z.string().min(1).meta({ description: 'The client address the system connects from.' }) }),
]).meta({ description: 'How to find the system\'s own database sessions (session kills hit only these; kvittering\'s own sessions never match).' });

const storageSchema = z.strictObject({
  url: z.string().regex(/^postgres(ql)?:\/\//, { error: 'a postgres:// connection URL' }).meta({ description: 'The system\'s PostgreSQL database. ${NAME} and ${NAME:-default} read the environment.' }),
  check: z.string().regex(/^\s*select\b/i, { error: 'a SELECT returning a msg column (and optionally stored_at)' })
    .meta({ description: 'A read-only query: one row per stored report, the message id in `msg`, the commit time in `stored_at` if known. :uuids / :ids name the batch asked about.' }),
  tables: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/, { error: 'a table name, optionally schema-qualified' })).min(1)
    .meta({ description: 'The system\'s tables that table faults (backup-spike, db-slow-commit) aim at.' }),
  sessions: sessionsSchema.optional(),
  role: z.string().min(1).max(63).meta({ description: 'The database role the system logs in as: db-statement-timeout and db-lock-timeout are set for it in this database, db-connection-exhaustion sets its connection limit to 0. Never the role storage.url logs in as. Required when one of those faults is planned.' }).optional(),
});

// As in scenario files, plus the faults only a real system can show, set on its database role; only the
// kinds kvittering test can apply (system-fault-kinds.ts).
const systemFaultSchema = faultSchema.extend({
  kind: z.enum(profileFaultKinds as [FaultKind, ...FaultKind[]]),
  timeout: duration('db-statement-timeout, db-lock-timeout: the timeout set for the system\'s role (virtual, like delay: "1h" is 1/24 of msPerVirtualDay).').optional(),
});

const timeSchema = z.strictObject({
  msPerVirtualDay: z.number().positive().meta({ description: 'Wall milliseconds per virtual day: 500 makes a 2-day retention pass in a second.' }),
  retention: duration('How long the portal keeps a message after its receipt (virtual, default 2d).').optional(),
  receiptDeadline: duration('No receipt by then ⇒ print and post (virtual, default 2d).').optional(),
  storagePoll: duration('How often kvittering reads the system\'s storage (wall, default 500ms).').optional(),
});

const workloadSchema = z.strictObject({
  ratePerSecond: z.number().positive().max(1000).meta({ description: 'Reports submitted per wall second.' }),
  duration: duration('How long reports are submitted (wall time).'),
  maxMessages: z.int().min(1).meta({ description: 'At most this many reports (live runs are always bounded).' }),
  publicSharePct: z.number().min(0).max(100).optional(),
});

const systemProfileSchema = z.strictObject({
  $schema: z.string().optional(),
  title: z.string().min(1).meta({ description: 'A name for people, shown on the reports.' }),
  description: z.string().meta({ description: 'What the system is and how it stores reports, for the report\'s readers.' }).optional(),
  seed: z.int().meta({ description: 'Seed for the workload and the portal (real timers still make counts vary).' }).optional(),
  system: systemSchema,
  portal: z.strictObject({
    port: z.int().min(1).max(65535).meta({ description: 'Port the portal listens on (loopback); a system kvittering does not start is configured with it beforehand. Default: any free port.' }),
  }).optional(),
  storage: storageSchema,
  time: timeSchema,
  workload: workloadSchema,
  faults: z.array(systemFaultSchema).meta({ description: 'As in scenario files, plus db-statement-timeout, db-lock-timeout and db-connection-exhaustion (set on storage.role); times are virtual, from the start of the workload.' }).optional(),
}).meta({ title: 'kvittering system profile', description: 'A real case system for `kvittering test`.' });

type SystemProfileFile = z.infer<typeof systemProfileSchema>;
type SessionSelector = z.infer<typeof sessionsSchema>;
type ReadyCheck = z.infer<typeof readySchema>;

function systemProfileJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(systemProfileSchema, { io: 'input', target: 'draft-2020-12' }), null, 2)}\n`;
}

export { systemProfileSchema, systemProfileJsonSchema };
export type { SystemProfileFile, SessionSelector, ReadyCheck };
