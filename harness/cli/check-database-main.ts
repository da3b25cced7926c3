// `npx tsx harness/cli/check-database-main.ts` — a municipality's first step: can kvittering read
// the staging database, and does the check query return the ids the portal sent?
//   KVITTERING_DB_URL      connection string (postgres://… or "Server=…;Database=…;User Id=…;Password=…")
//   KVITTERING_CHECK_QUERY read-only SQL returning msg (and stored_at); default: the reference table

import { KvitteringError, messageOf } from '../errors.js';
import { exitCodes } from './cli-options.js';
import { checkDatabase } from '../live/database-check.js';

const url = process.env.KVITTERING_DB_URL;
try {
  if (url === undefined || url === '') {
    throw new KvitteringError('E_DATABASE_URL', 'KVITTERING_DB_URL is not set — expected a connection string',
      'KVITTERING_DB_URL="Server=staging-sql,1433;Database=familia_staging;User Id=kvittering_ro;Password=…;Encrypt=true"');
  }
  const query = process.env.KVITTERING_CHECK_QUERY;
  const check = await checkDatabase(url, query === undefined || query === '' ? undefined : query);
  console.log(`kvittering database check — ${check.dialect} ${check.target}`);
  console.log(`query:   ${check.query}`);
  console.log(`rows:    ${check.rows} (${check.withTime} with stored_at)`);
  console.log(`first:   ${check.sample.join(', ') || '(none)'}`);
  console.log(`took:    ${Math.round(check.wallMs)} ms, read-only (transaction rolled back)`);
} catch (error) {
  // The exit-code table of every command: a KvitteringError (no URL, a bad one) is bad input; anything
  // else (the server refused, the query failed) means the check could not be made.
  console.error(messageOf(error));
  process.exitCode = error instanceof KvitteringError ? exitCodes.badInput : exitCodes.internal;
}
