// A world is everything one simulated run needs: a configuration, a workload, a fault plan and a seed.
// Workload and fault plan are drawn after the configuration so they can name its receivers.

import * as fc from 'fast-check';
import type { FaultSpec } from '../faults/fault-spec.js';
import type { WorkloadConfig } from '../workload/workload.js';
import type { SimulationInput } from '../runner/simulation-config.js';
import { configurationArbitrary, configurationInput, type Configuration, type ConfigurationConstraints } from './configuration.js';
import { workloadArbitrary, type WorkloadConstraints } from './workload.js';
import { faultPlanArbitrary, type FaultPlanConstraints } from './fault-plan.js';
import { pointedDrawArbitrary, pointedFault, type PointedFaultConstraints } from './pointed-fault.js';

interface World {
  seed: number;
  configuration: Configuration;
  workload: WorkloadConfig;
  faults: FaultSpec[];
}

interface WorldConstraints {
  configuration?: ConfigurationConstraints;
  /** Receivers are filled in from the configuration. */
  workload?: Omit<WorkloadConstraints, 'receivers'>;
  /** Fault constraints, possibly depending on the drawn configuration (targets are filled in). */
  faults?: FaultPlanConstraints | ((configuration: Configuration) => FaultPlanConstraints);
  /** Turn a drawn plan into one the world can survive (see safe-world.ts); identity by default. */
  adjustFaults?: (faults: FaultSpec[], configuration: Configuration) => FaultSpec[];
  /** Add a fault aimed at a sent message (see pointed-fault.ts); none by default. */
  pointed?: PointedFaultConstraints;
}

const seedArbitrary = fc.nat({ max: 0xffffffff });

function worldArbitrary(constraints: WorldConstraints = {}): fc.Arbitrary<World> {
  return fc.record({ seed: seedArbitrary, configuration: configurationArbitrary(constraints.configuration) })
    .chain(({ seed, configuration }) => {
      const ids = configuration.receivers.map((r) => r.id);
      const inboxes = configuration.receivers.filter((r) => r.route === 'inbox');
      const aiming = { ids, inboxes: inboxes.map((r) => r.id), unseen: inboxes.filter((r) => !r.roleAssigned).map((r) => r.id) };
      const faultConstraints = typeof constraints.faults === 'function' ? constraints.faults(configuration) : constraints.faults ?? {};
      return fc.record({
        workload: workloadArbitrary({ ...constraints.workload, receivers: ids }),
        faults: faultPlanArbitrary({ targets: ids, ...faultConstraints }),
        aimed: constraints.pointed === undefined ? fc.constant(undefined) : pointedDrawArbitrary(constraints.pointed),
      }).map(({ workload, faults, aimed }): World => {
        const plan = aimed === undefined || constraints.pointed === undefined ? faults : [pointedFault(aimed, workload, aiming, constraints.pointed.horizonMs), ...faults];
        return { seed, configuration, workload, faults: constraints.adjustFaults === undefined ? plan : constraints.adjustFaults(plan, configuration) };
      });
    });
}

function worldInput(world: World): SimulationInput {
  return configurationInput(world.configuration, world.workload, world.faults, world.seed);
}

export { worldArbitrary, worldInput, seedArbitrary };
export type { World, WorldConstraints };
