import { DataSource } from 'typeorm';
import { migrations } from '@erp/migrations';
import { prepareJobSchema } from '../jobs/job-schema';
import { dataSourceOptions } from './data-source-options';

/**
 * Applies pending migrations as the `DATABASE_URL` user (the owner), then creates or upgrades the
 * job queue's schema (pg-boss); returns the names of the migrations applied.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const owner = new DataSource(dataSourceOptions(url, { role: 'owner', migrations }));
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    await prepareJobSchema(url);
    return applied.map((m) => m.name);
  } finally {
    await owner.destroy();
  }
}
