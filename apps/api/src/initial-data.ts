import { Logger } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { EnsurePlatformAdminUseCase } from '@erp/identity';
import { AppConfig } from '@erp/platform';

const DEV_ADMIN_EMAIL = 'admin@example.com';
const DEV_ADMIN_PASSWORD = 'admin-password-change-me';

/**
 * On an empty database: creates the platform administrator from `BOOTSTRAP_ADMIN_*` (in
 * development a default one). Returns how to log in, for the start-up banner.
 */
export async function prepareData(app: INestApplicationContext, config: AppConfig): Promise<string | null> {
  const logger = new Logger('Bootstrap');
  const development = config.NODE_ENV === 'development';
  const email = config.BOOTSTRAP_ADMIN_EMAIL ?? (development ? DEV_ADMIN_EMAIL : undefined);
  const password = config.BOOTSTRAP_ADMIN_PASSWORD ?? (development ? DEV_ADMIN_PASSWORD : undefined);
  if (!email || !password) {
    logger.warn(
      'BOOTSTRAP_ADMIN_EMAIL/BOOTSTRAP_ADMIN_PASSWORD not set: no platform administrator is created',
    );
    return null;
  }
  const created = await app.get(EnsurePlatformAdminUseCase).execute(email, password);
  if (created) logger.log(`Created platform administrator ${email}`);
  return development ? `{"username":"${email}","password":"${password}"}` : null;
}
