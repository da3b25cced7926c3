// What a fault driver can do to a real database server, as a DBA (or a backup job) would do it. One
// implementation per dialect; each action is undone by its heal, so the final phase heals everything.

/** Ends what an action started (commit the backup job's transaction, reset a setting). */
type Heal = () => Promise<void>;

interface ServerFaults {
  readonly dialect: 'postgres' | 'mssql';
  /** Open the connections the actions need ahead of time, so a window opens on time. */
  prepare(): Promise<void>;
  /** A backup job's transaction holding a shared table lock on the reports table: inserts block. */
  holdTableLock(): Promise<Heal>;
  /** Kill every session of this application (pg_terminate_backend / KILL). Returns how many. */
  killSessions(applicationName: string): Promise<number>;
  /** Every write's commit takes this much longer (a trigger that sleeps); 0 heals. Wall ms. */
  setCommitDelay(wallMs: number): Promise<void>;
  /** Sessions of this application the server currently has (pg_stat_activity / sys.dm_exec_sessions). */
  countSessions(applicationName: string): Promise<number>;
  close(): Promise<void>;
}

export type { ServerFaults, Heal };
