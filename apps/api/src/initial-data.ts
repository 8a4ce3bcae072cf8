import { Logger } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EnsurePlatformAdminUseCase } from '@erp/identity';
import { AppConfig, InvalidConfiguration } from '@erp/platform';
import { DemoAccounts, seedDemoData } from './demo-data';

/** The platform administrator of a development database when `BOOTSTRAP_ADMIN_*` are unset. */
export const DEV_ADMIN_EMAIL = 'admin@example.com';
export const DEV_ADMIN_PASSWORD = 'admin-password-change-me';

/**
 * `BOOTSTRAP_ADMIN_*`, falling back to the development defaults in development only. The
 * development default password (it is in the source) is refused in production.
 */
export function bootstrapAdminCredentials(config: AppConfig): { email: string; password: string } | null {
  const development = config.NODE_ENV === 'development';
  if (config.isProduction && config.BOOTSTRAP_ADMIN_PASSWORD === DEV_ADMIN_PASSWORD)
    throw new InvalidConfiguration(
      'BOOTSTRAP_ADMIN_PASSWORD: must not be the development default in production',
    );
  const email = config.BOOTSTRAP_ADMIN_EMAIL ?? (development ? DEV_ADMIN_EMAIL : undefined);
  const password = config.BOOTSTRAP_ADMIN_PASSWORD ?? (development ? DEV_ADMIN_PASSWORD : undefined);
  return email && password ? { email, password } : null;
}

const credentials = (email: string, password: string): string =>
  JSON.stringify({ username: email, password });

/** The demo accounts, one login body per line, for a console banner. */
export function describeDemoAccounts(demo: DemoAccounts, indent = '  '): string[] {
  return demo.accounts.map((a) => `${indent}${credentials(a.email, a.password)}  ${a.role}: ${a.note}`);
}

/**
 * On an empty database: creates the platform administrator from `BOOTSTRAP_ADMIN_*` (in
 * development a default one) and, when `SEED_DEMO_DATA` is on (the development default), a demo
 * organization. Returns how to log in, for the start-up banner.
 */
export async function prepareData(app: INestApplicationContext, config: AppConfig): Promise<string | null> {
  const logger = new Logger('Bootstrap');
  const development = config.NODE_ENV === 'development';
  const admin = bootstrapAdminCredentials(config);
  if (!admin) {
    logger.warn(
      'BOOTSTRAP_ADMIN_EMAIL/BOOTSTRAP_ADMIN_PASSWORD not set: no platform administrator is created',
    );
    return null;
  }
  const created = await app.get(EnsurePlatformAdminUseCase).execute(admin.email, admin.password);
  if (created) logger.log(`Created platform administrator ${admin.email}`);
  let demo: DemoAccounts | null = null;
  if (created && config.seedDemoData) {
    if (!isHttpApplication(app)) throw new Error('Demo data needs the HTTP application');
    try {
      demo = await seedDemoData(app, admin.email, admin.password);
    } catch (error) {
      // The API is still usable without demo data: report and carry on.
      logger.error(`Demo data not loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (demo) logger.log(`Loaded demo data into organization '${demo.organizationCode}'`);
  }
  // A configured password is a secret: only the development default (public anyway) is shown.
  const shown = admin.password === DEV_ADMIN_PASSWORD ? admin.password : '<BOOTSTRAP_ADMIN_PASSWORD>';
  const lines = development ? [`${credentials(admin.email, shown)} (platform administrator)`] : [];
  if (demo) {
    lines.push(
      `${lines.length > 0 ? 'or with' : 'with'} a demo account of organization '${demo.organizationCode}' (shown this once):`,
      ...describeDemoAccounts(demo),
    );
  }
  return lines.length > 0 ? lines.join('\n') : null;
}

const isHttpApplication = (app: INestApplicationContext): app is NestFastifyApplication =>
  typeof (app as Partial<NestFastifyApplication>).getHttpAdapter === 'function';
