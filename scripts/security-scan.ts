/**
 * `npm run security:scan`: runs the security scan of every active organization now (the worker also
 * does it daily) and prints the counts. Applies pending migrations first.
 */
import 'reflect-metadata';
import { ScanAllOrganizationsUseCase } from '@erp/audit';
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
      const summaries = await app.get(ScanAllOrganizationsUseCase).execute();
      for (const s of summaries) {
        const types = Object.entries(s.byType)
          .map(([type, n]) => `${type} ${n}`)
          .join(', ');
        console.log(`${s.organizationId}: ${s.opened} new, ${s.refreshed} again (${types})`);
      }
      const opened = summaries.reduce((sum, s) => sum + s.opened, 0);
      console.log(`Security scan: ${summaries.length} organizations, ${opened} new findings.`);
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

runScript(main);
