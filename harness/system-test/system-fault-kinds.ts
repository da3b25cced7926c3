// The fault kinds a system profile accepts: the portal's own, those that reach the system's tables,
// sessions and database role, and those on a process kvittering started. The schema lists exactly
// these (so an editor flags the rest); the kinds scenario files know that a real system cannot be
// given are refused with the reason.

import { faultKinds, systemFaultKinds, type FaultKind } from '../faults/fault-spec.js';
import { portalSideFaults } from '../live/live-scenario.js';

/** Faults that reach the system itself: its tables, its sessions, its database role. */
const storageFaultKinds: readonly FaultKind[] = ['backup-spike', 'db-slow-commit', 'db-session-kill', ...systemFaultKinds];
/** Faults on the system's process: only one kvittering started (system.start). */
const processFaultKinds: readonly FaultKind[] = ['case-system-crash', 'case-system-outage'];
const profileFaultKinds: readonly FaultKind[] = [...portalSideFaults, ...storageFaultKinds, ...processFaultKinds];

/** Why a kind scenario files know is not one a profile can plan. */
function refusedBecause(kind: FaultKind): string {
  switch (kind) {
    // Live, db-overload is a commit delay whatever its slowdownFactor says: the simulated meaning does not carry over.
    case 'db-overload': return 'on a real server an overload is commits that take longer: write db-slow-commit with a delay (e.g. delay: 6h)';
    case 'db-outage': return 'cutting the system off its database needs a proxy between them: runLive with a TcpProxy (docs/databases.md)';
    case 'db-log-full': return 'a full transaction log cannot be made on a shared server without filling its disk';
    default: return 'it is a fault of the simulated case system or municipality, not one kvittering can cause in yours';
  }
}

const refusedFaultKinds: readonly FaultKind[] = [...faultKinds, ...systemFaultKinds].filter((k) => !profileFaultKinds.includes(k));

export { storageFaultKinds, processFaultKinds, profileFaultKinds, refusedFaultKinds, refusedBecause };
