// Construction-time checks of a fault plan: every problem names the field and what was expected.

import { KvitteringError, didYouMean } from '../errors.js';
import { requiredParameters } from './catalogue.js';
import { faultKinds, isWindowKind, type FaultKind, type FaultSpec, type SystemFaultKind } from './fault-spec.js';

/** `systemKinds`: the system kinds the caller can carry out (a live run on a real system); none in a simulation. */
function validateFaultPlan(plan: readonly FaultSpec[], receiverIds: readonly string[], path = 'faults', systemKinds: readonly SystemFaultKind[] = []): void {
  const kinds: readonly FaultKind[] = [...faultKinds, ...systemKinds];
  plan.forEach((spec, i) => {
    const at = `${path}[${i}]`;
    const fail = (field: string, value: unknown, expected: string, hint?: string): never => {
      throw new KvitteringError('E_FAULT_FIELD', `${at}.${field} is ${JSON.stringify(value)} — expected ${expected}`, hint);
    };
    if (!kinds.includes(spec.kind)) {
      fail('kind', spec.kind, `one of ${kinds.join(', ')}`, didYouMean(String(spec.kind), kinds));
    }
    const kind: FaultKind = spec.kind;
    const nonNegative = (field: keyof FaultSpec) => {
      const v = spec[field];
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) fail(field, v, 'a finite number ≥ 0');
    };
    for (const f of ['fromMs', 'toMs', 'atMs', 'repeatEveryMs', 'repeatUntilMs', 'delayMs', 'downMs', 'notificationsPerDay', 'offlineWorkersPct', 'timeoutMs'] as const) nonNegative(f);
    if (spec.probabilityPct !== undefined && !(spec.probabilityPct >= 0 && spec.probabilityPct <= 100)) {
      fail('probabilityPct', spec.probabilityPct, 'a percentage from 0 to 100');
    }
    if (spec.offlineWorkersPct !== undefined && spec.offlineWorkersPct > 100) fail('offlineWorkersPct', spec.offlineWorkersPct, 'a percentage from 0 to 100');
    if (spec.slowdownFactor !== undefined && !(Number.isFinite(spec.slowdownFactor) && spec.slowdownFactor >= 1)) {
      fail('slowdownFactor', spec.slowdownFactor, 'a number ≥ 1 (a multiplier of service time)');
    }
    if (isWindowKind(kind)) {
      if (spec.fromMs === undefined) fail('fromMs', undefined, `a start time for the "${kind}" window`);
      if (spec.toMs === undefined) fail('toMs', undefined, `an end time for the "${kind}" window`);
      if ((spec.toMs as number) < (spec.fromMs as number)) fail('toMs', spec.toMs, `a time ≥ fromMs (${spec.fromMs})`);
      if (spec.repeatEveryMs !== undefined && spec.repeatEveryMs <= (spec.toMs as number) - (spec.fromMs as number)) {
        fail('repeatEveryMs', spec.repeatEveryMs, 'a period longer than the window itself');
      }
    } else if (spec.atMs === undefined) {
      fail('atMs', undefined, `the instant of the "${kind}" event`);
    }
    const groups = requiredParameters[kind];
    if (groups !== undefined && !groups.some((group) => group.every((field) => spec[field] !== undefined))) {
      const missing = groups[0]?.find((field) => spec[field] === undefined) ?? 'parameters';
      const wanted = groups.map((group) => group.join(' and ')).join(', or ');
      fail(missing, undefined, `a value: "${kind}" needs ${wanted}, or it has no effect`,
        'faults have no worst-case defaults: say how severe the fault is');
    }
    spec.targets?.forEach((target, j) => {
      if (!receiverIds.includes(target)) {
        throw new KvitteringError('E_FAULT_FIELD', `${at}.targets[${j}] is ${JSON.stringify(target)} — expected a receiver id (${receiverIds.slice(0, 8).join(', ')}${receiverIds.length > 8 ? ', …' : ''})`, didYouMean(target, receiverIds));
      }
    });
  });
}

export { validateFaultPlan };
