// The reference case system's schema, in both dialects, as numbered migrations: one table of received
// reports keyed by the portal's message id. The key is what makes a redelivered duplicate a no-op.
// `stored_at` comes from the server's own clock when the row is inserted (after any lock wait), so the
// oracle can place the commit on the run's time line without trusting the case system.

type Dialect = 'postgres' | 'mssql';

interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

/** The table both adapters write; a municipality's own schema is read through a check query instead. */
const REPORTS_TABLE = 'received_reports';
const MIGRATIONS_TABLE = 'kvittering_schema_migrations';

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'received reports keyed by message id',
    sql: {
      postgres: `CREATE TABLE ${REPORTS_TABLE} (
  message_id BIGINT PRIMARY KEY,
  receiver   INTEGER NOT NULL,
  stored_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
)`,
      mssql: `CREATE TABLE dbo.${REPORTS_TABLE} (
  message_id BIGINT NOT NULL CONSTRAINT PK_${REPORTS_TABLE} PRIMARY KEY,
  receiver   INT NOT NULL,
  stored_at  DATETIME2(3) NOT NULL CONSTRAINT DF_${REPORTS_TABLE}_stored_at DEFAULT SYSUTCDATETIME()
)`,
    },
  },
];

/** Create the bookkeeping table if needed; the adapter then applies every migration not yet recorded. */
const migrationsTableSql: Record<Dialect, string> = {
  postgres: `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
  mssql: `IF OBJECT_ID('dbo.${MIGRATIONS_TABLE}', 'U') IS NULL CREATE TABLE dbo.${MIGRATIONS_TABLE} (version INT NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, applied_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME())`,
};

/** The write: idempotent, so a second write of a stored id is a no-op success. */
const insertReportSql: Record<Dialect, string> = {
  postgres: `INSERT INTO ${REPORTS_TABLE} (message_id, receiver) VALUES ($1, $2) ON CONFLICT (message_id) DO NOTHING`,
  // UPDLOCK+HOLDLOCK keeps two sessions from both passing NOT EXISTS for the same id.
  mssql: `INSERT INTO dbo.${REPORTS_TABLE} (message_id, receiver)
SELECT @id, @receiver WHERE NOT EXISTS (SELECT 1 FROM dbo.${REPORTS_TABLE} WITH (UPDLOCK, HOLDLOCK) WHERE message_id = @id)`,
};

/** What the oracle and reconciliation read: ids with the server's insert time as Unix epoch ms. */
const storedRowsSql: Record<Dialect, string> = {
  postgres: `SELECT message_id::text AS msg, (extract(epoch FROM stored_at) * 1000)::float8 AS stored_at_epoch_ms FROM ${REPORTS_TABLE}`,
  mssql: `SELECT CAST(message_id AS NVARCHAR(20)) AS msg, CAST(DATEDIFF_BIG(MILLISECOND, '1970-01-01', stored_at) AS FLOAT) AS stored_at_epoch_ms FROM dbo.${REPORTS_TABLE}`,
};

const lookupSql: Record<Dialect, string> = {
  postgres: `SELECT 1 AS found FROM ${REPORTS_TABLE} WHERE message_id = $1`,
  mssql: `SELECT 1 AS found FROM dbo.${REPORTS_TABLE} WHERE message_id = @id`,
};

export { migrations, migrationsTableSql, insertReportSql, storedRowsSql, lookupSql, REPORTS_TABLE, MIGRATIONS_TABLE };
export type { Dialect, Migration };
