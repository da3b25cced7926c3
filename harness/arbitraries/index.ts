// The public surface of kvittering's fast-check arbitraries.

export { workloadArbitrary, explicitWorkload } from './workload.js';
export type { WorkloadConstraints, ArrivalPattern } from './workload.js';
export { faultPlanArbitrary, faultSpecArbitrary } from './fault-plan.js';
export type { FaultPlanConstraints } from './fault-plan.js';
export { configurationArbitrary, configurationInput } from './configuration.js';
export type { Configuration, ReceiverConfiguration, ConfigurationConstraints, ReconciliationRange, Route, Style } from './configuration.js';
export {
  messageContentArbitrary, messageContentFrom, syntheticFodselsnummer, isSyntheticFodselsnummer, SYNTHETIC_MONTH_OFFSET, TESTDATA_MARKER,
} from './message-content.js';
export type { MessageContent, MessageContentConstraints } from './message-content.js';
export { worldArbitrary, worldInput, seedArbitrary } from './world.js';
export type { World, WorldConstraints } from './world.js';
export { safeWorldArbitrary, survivableFaults, keepNetsSurvivable, clearlyShorterThanRetention, SAFE_FAULT_HORIZON_MS, SAFE_MIN_RETENTION_DAYS } from './safe-world.js';
export type { SafeFamily, SafeWorldConstraints } from './safe-world.js';
export { FaultExposure, FaultWatch } from './fault-exposure.js';
