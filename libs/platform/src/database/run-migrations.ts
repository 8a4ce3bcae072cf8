import { DataSource } from 'typeorm';
import { migrations } from '@erp/migrations';
import { dataSourceOptions } from './data-source-options';

/** Applies pending migrations as the `DATABASE_URL` user (the owner); returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const owner = new DataSource(dataSourceOptions(url, { role: 'owner', migrations }));
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await owner.destroy();
  }
}
