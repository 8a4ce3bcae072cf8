/**
 * `npm run audit:retention`: deletes audit rows older than AUDIT_RETENTION_DAYS now (the worker also
 * does it daily), keeping each chain verifiable through its checkpoint. Applies pending migrations first.
 */
import 'reflect-metadata';
import { ApplyAuditRetentionUseCase } from '@erp/audit';
import { loadConfigFromProcess, resolveDatabase, runMigrations } from '@erp/platform';
import { createApp } from '@erp/api/app.factory';
import { runScript } from './run-script';

async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  if (process.env.LOG_LEVEL === undefined) config.LOG_LEVEL = 'warn';
  const database = await resolveDatabase(config);
  try {
    await runMigrations(database.url);
    const app = await createApp(config, database.url);
    try {
      const outcomes = await app.get(ApplyAuditRetentionUseCase).execute();
      const deleted = outcomes.reduce((sum, o) => sum + o.deleted, 0);
      console.log(
        `Audit retention (${config.AUDIT_RETENTION_DAYS} days): deleted ${deleted} rows in ${outcomes.length} chains.`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

runScript(main);
