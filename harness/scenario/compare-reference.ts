// Puts a run's figures beside the real ones a scenario quotes (`reference.figures`), so a calibration
// claim is always shown with its evidence and its assumptions. Each real figure is written once, in
// the scenario, with the source file and table it comes from; this file only measures the run the
// same way. Counts come from the judged messages only.

import type { Fate, MessageFate } from '../oracle/fates.js';
import type { ScenarioRun } from './run-scenario.js';
import type { ReferenceFigureEntry } from './scenario-schema.js';
import { isDate, parseDate, parseDuration } from './duration.js';
import type { Localized } from './localized.js';

type Measure = ReferenceFigureEntry['measure'];

interface ReferenceRow {
  figure: Localized;
  real: number | undefined;
  /** The run's value; for a per-receiver figure, the median over the receivers in scope. */
  simulated: number;
  /** Per-receiver figures: one value per receiver in scope (the calibration pools them over seeds). */
  samples: number[];
  source: string | undefined;
  /** Target: the simulated median within this factor of the real figure. */
  tolerance: number | undefined;
}

/** One entry of `topology.receivers` (a group or a single receiver): where the losses fell. */
interface GroupLoss {
  group: string;
  members: number;
  affected: number;
  lost: number;
}

/** The review's four outcome categories (002_ef4d86c2bfdfc210.txt, section 2.2.2), as the run judged them. */
interface CategoryCounts {
  /** A: receipted, not stored, purged from the portal — content lost (noticed late or never). */
  a: number;
  /** B: noticed inside the retention window and re-sent from the portal (push receivers). */
  b: number;
  /** C: a polling (SvarUt) receiver's loss recovered by download while the channel kept it. */
  c: number;
  /** D: the reporter chased and re-sent; nobody recorded a fault. */
  d: number;
}

interface ReferenceComparison {
  source: string;
  rows: ReferenceRow[];
  /** Only for a topology with case systems: the categories are the portal-to-case-system review's. */
  categories?: CategoryCounts;
  byGroup: GroupLoss[];
  assumptions: Localized[];
}

/** Receipted (or delivered) but not stored by the chain: whatever became of it afterwards. */
const chainLost: readonly Fate[] = ['lost-silent', 'lost-detected-late', 'recovered', 'resent-by-reporter'];
const contentLost: readonly Fate[] = ['lost-silent', 'lost-detected-late'];

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function counts(measure: Measure, messages: readonly MessageFate[]): number {
  switch (measure) {
    case 'reports': return messages.length;
    case 'lost-reports': return messages.filter((m) => chainLost.includes(m.fate)).length;
    case 'content-lost': return messages.filter((m) => contentLost.includes(m.fate)).length;
    case 'recovered': return messages.filter((m) => m.fate === 'recovered').length;
    case 'resent-by-reporter': return messages.filter((m) => m.fate === 'resent-by-reporter').length;
    default: return 0;
  }
}

function compareReference(run: ScenarioRun): ReferenceComparison | undefined {
  const reference = run.loaded.scenario.reference;
  if (reference === undefined) return undefined;
  const { messages } = run.result.judgement;
  const receivers = run.result.config.receivers;
  const indexOf = new Map(receivers.map((r, i) => [r.id, i]));
  const startMs = run.loaded.scenario.start === undefined ? undefined : parseDate(run.loaded.scenario.start);
  const instant = (text: string) => (isDate(text) ? parseDate(text) - (startMs ?? NaN) : parseDuration(text));

  const rows = reference.figures.map((f): ReferenceRow => {
    const scope = f.receivers === undefined
      ? receivers.map((_, i) => i)
      : [...new Set(f.receivers.flatMap((id) => run.groups.find((g) => g.id === id)?.members ?? [id]))].map((id) => indexOf.get(id) as number);
    const inScope = new Set(scope);
    const fromMs = f.from === undefined ? -Infinity : instant(f.from);
    const toMs = f.to === undefined ? Infinity : instant(f.to);
    const judged = messages.filter((m) => inScope.has(m.receiver) && m.sentAtMs >= fromMs && m.sentAtMs < toMs);
    let simulated: number;
    let samples: number[] = [];
    if (f.measure === 'receivers') simulated = scope.length;
    else if (f.measure === 'affected-receivers') simulated = new Set(judged.filter((m) => chainLost.includes(m.fate)).map((m) => m.receiver)).size;
    else if (f.per === 'receiver') {
      samples = scope.map((i) => counts(f.measure, judged.filter((m) => m.receiver === i)));
      simulated = median(samples);
    } else simulated = counts(f.measure, judged);
    return { figure: f.figure, real: f.real, simulated, samples, source: f.source, tolerance: f.tolerance };
  });

  const lostBy = new Map<number, number>();
  const categories: CategoryCounts = { a: 0, b: 0, c: 0, d: 0 };
  for (const m of messages) {
    if (!chainLost.includes(m.fate)) continue;
    lostBy.set(m.receiver, (lostBy.get(m.receiver) ?? 0) + 1);
    if (receivers[m.receiver]?.route !== 'case-system') continue;
    if (m.fate === 'resent-by-reporter') categories.d++;
    else if (m.fate === 'recovered') {
      if (receivers[m.receiver]?.style === 'poll') categories.c++;
      else categories.b++;
    } else categories.a++;
  }
  const byGroup = run.groups.map((g): GroupLoss => {
    const indexes = g.members.map((id) => indexOf.get(id) as number);
    return {
      group: g.id,
      members: indexes.length,
      affected: indexes.filter((i) => (lostBy.get(i) ?? 0) > 0).length,
      lost: indexes.reduce((sum, i) => sum + (lostBy.get(i) ?? 0), 0),
    };
  });
  const comparison: ReferenceComparison = { source: reference.source, rows, byGroup, assumptions: reference.assumptions };
  if (receivers.some((r) => r.route === 'case-system')) comparison.categories = categories;
  return comparison;
}

export { compareReference, median };
export type { ReferenceComparison, ReferenceRow, GroupLoss, CategoryCounts };
