// The package's public surface: small, typed, explicit. Everything else is internal.
// `import { … } from 'kvittering'` gives: the runtime, the simulation runner, faults, ledger and oracle,
// scenario files, report renderers, the simulators, the portal's HTTP surface as msw handlers, the live
// runner for black-box tests, and fast-check arbitraries. docs/library.md shows each in use.

// runtime
export { Scheduler } from './runtime/scheduler.js';
export { Rng } from './runtime/rng.js';
export type { Clock, Timer } from './runtime/clock.js';
export { SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS, formatDuration, formatInstant } from './runtime/time.js';
// running a simulation
export { simulate } from './runner/simulate.js';
export type { SimulationResult, SimulateOptions } from './runner/simulate.js';
// one run result for both runtimes: simulate() and runLive() return one, buildRunReport takes either
export { isLiveRun } from './runner/run-result.js';
export type { RunResult, RunConfig, LiveRunConfig, LiveReceiverSummary } from './runner/run-result.js';
export { QUIET_MS, requiredHorizonMs, retentionMs } from './runner/horizon.js';
export { resolveSimulation } from './runner/simulation-config.js';
export type { SimulationConfig, SimulationInput, ReceiverConfig, ReceiverInput } from './runner/simulation-config.js';
export type { WorkloadConfig, ExplicitMessage, Burst } from './workload/workload.js';
// faults
export { faultKinds } from './faults/fault-spec.js';
export type { FaultKind, FaultSpec } from './faults/fault-spec.js';
// ledger and oracle
export { Ledger, ofKind } from './ledger/ledger.js';
export type { LedgerEntry, LedgerKind } from './ledger/entries.js';
export type { LedgerListener, LedgerWatcher } from './ledger/ledger.js';
export { Oracle, judgeLedger } from './oracle/oracle.js';
export type { Verdict, Judgement, Distribution } from './oracle/oracle.js';
export { fates } from './oracle/fates.js';
export type { Fate, MessageFate } from './oracle/fates.js';
export type { Check, CheckResult, Validity } from './oracle/checks.js';
export { KvitteringError } from './errors.js';
// scenario files: parse (validate) YAML text, run it, and the JSON Schema for editors
export { parseScenario } from './scenario/parse-scenario.js';
export type { LoadedScenario } from './scenario/parse-scenario.js';
export { runScenario } from './scenario/run-scenario.js';
export type { ScenarioRun, RunScenarioOptions, Overrides } from './scenario/run-scenario.js';
export { scenarioJsonSchema } from './scenario/scenario-json-schema.js';
export type { ScenarioFile, ExpectedVerdict } from './scenario/scenario-schema.js';
// simulators, for wiring your own world or testing your own case system in-process
export { Portal } from '../simulators/portal/portal.js';
export type { PortalConfig } from '../simulators/portal/portal.js';
export type { PushEndpoint, PortalApi, Delivery, TransportAnswer } from '../simulators/portal/endpoints.js';
export type { MessageHeader } from '../simulators/portal/message.js';
export { CaseSystem } from '../simulators/case-system/case-system.js';
export type { AckPolicy, CaseSystemConfig } from '../simulators/case-system/case-system.js';
export { SimulatedDatabase } from '../simulators/database/database.js';
export type { DatabaseConfig } from '../simulators/database/database.js';
export type { Storage, WriteResult } from '../simulators/database/storage.js';
// live mode: real timers and real databases behind the same Storage port
export { LiveClock } from './runtime/live-clock.js';
export type { LiveClockOptions } from './runtime/live-clock.js';
export { SqlStorage } from '../storage/sql-storage.js';
export { postgresStorage, PostgresDriver } from '../storage/postgres-storage.js';
export type { PostgresOptions, PostgresStorageOptions } from '../storage/postgres-storage.js';
export { mssqlStorage, MssqlDriver } from '../storage/mssql-storage.js';
export type { MssqlOptions, MssqlStorageOptions } from '../storage/mssql-storage.js';
export type { SqlDriver, StoredRow } from '../storage/sql-driver.js';
export { DbFaultDriver } from './live/db-fault-driver.js';
export { PostgresFaults } from './live/postgres-faults.js';
export { MssqlFaults } from './live/mssql-faults.js';
export { TcpProxy } from './live/tcp-proxy.js';
export { judgeStored } from './live/judge-stored.js';
export { tableRecords, queryRecords } from './live/stored-records.js';
export { checkDatabase } from './live/database-check.js';
export { storageFor, driverFor, serverFaultsFor } from './live/connect.js';
export { createScratchDatabase } from './live/scratch-database.js';
export { runRealIncident } from './live/real-incident.js';
export type { RealIncidentOptions, RealIncidentResult } from './live/real-incident.js';
export type { DatabaseCheck } from './live/database-check.js';
// reports: build a RunReport from a run (simulated or live), render it as json, junit, markdown or html
export { buildRunReport } from '../reports/run-report.js';
export type { RunReport, ScenarioMeta, Reproducibility } from '../reports/run-report.js';
export { renderers, renderJUnitSuite, reportFormats, reportExtensions } from '../reports/renderers.js';
export type { ReportFormat, RenderOptions, Renderer } from '../reports/renderers.js';
// the portal over HTTP: msw handlers (in-process with setupServer) and the live runner (black-box)
export { createPortalWorld } from './live/portal-world.js';
export type { PortalWorld, PortalWorldOptions, StoredReport } from './live/portal-world.js';
export { createLivePortal } from './live/live-portal.js';
export type { LivePortal, LivePortalOptions, LiveReceiver } from './live/live-portal.js';
export { defaultPortalConfig } from '../simulators/portal/portal.js';
export { messageUuid, parseMessageUuid, MESSAGE_TYPES } from '../simulators/portal/http/wire.js';
export type { Forsendelse, Filmetadata, PushMessage, ReportStatus } from '../simulators/portal/http/wire.js';
export type { StoredJudgeInput } from './live/judge-stored.js';
export { runLive } from './live/run-live.js';
export type { RunLiveOptions, LiveResult, ReceiverOverride } from './live/run-live.js';
export type { LiveScenario, LiveReceiverSpec, LiveWorkload } from './live/live-scenario.js';
export type { StorageCheck } from './live/stored-probe.js';
// fast-check arbitraries: worlds, workloads, fault plans, configurations, synthetic report content
export * from './arbitraries/index.js';
// safety
export { redactText, redactValue } from './redact.js';
