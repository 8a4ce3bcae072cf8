/**
 * `npm run seed`: loads the demo organization into the database (DATABASE_URL, or the embedded
 * one like `npm start`), after applying pending migrations and ensuring the platform
 * administrator. Does nothing when the demo organization already exists.
 */
import 'reflect-metadata';
import { EnsurePlatformAdminUseCase } from '@erp/identity';
import { loadConfigFromProcess, resolveDatabase, runMigrations } from '@erp/platform';
import { createApp } from '@erp/api/app.factory';
import { seedDemoData } from '@erp/api/demo-data';
import { bootstrapAdminCredentials, describeDemoAccounts } from '@erp/api/initial-data';
import { runScript } from './run-script';

async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  // The app's own start-up chatter (route mapping...) is noise here unless asked for.
  if (process.env.LOG_LEVEL === undefined) config.LOG_LEVEL = 'warn';
  const admin = bootstrapAdminCredentials(config);
  if (!admin) {
    throw new Error(
      'Set BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD (defaults exist in development only)',
    );
  }
  const database = await resolveDatabase(config);
  try {
    const applied = await runMigrations(database.url);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
    const app = await createApp(config, database.url);
    try {
      if (await app.get(EnsurePlatformAdminUseCase).execute(admin.email, admin.password)) {
        console.log(`Created platform administrator ${admin.email}`);
      }
      const demo = await seedDemoData(app, admin.email, admin.password);
      if (!demo) {
        console.log('The demo organization already exists: nothing to do.');
        return;
      }
      console.log(
        [
          `Loaded demo organization '${demo.organizationCode}' (id ${demo.organizationId}).`,
          'Log in with POST /api/v1/auth/token/obtain and one of these bodies:',
          ...describeDemoAccounts(demo),
        ].join('\n'),
      );
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

runScript(main);
