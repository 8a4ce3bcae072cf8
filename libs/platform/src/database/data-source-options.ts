import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { RUNTIME_CONNECTION_OPTIONS } from './runtime-role';

export interface DataSourceRole {
  /** `owner` runs migrations as the `DATABASE_URL` user; `runtime` runs tenant work under the RLS-bound role. */
  role: 'owner' | 'runtime';
  entities?: MixedList<string | EntitySchema>;
  migrations?: MixedList<string | (new () => unknown)>;
  poolSize?: number;
}

export function dataSourceOptions(
  url: string,
  { role, entities = [], migrations = [], poolSize }: DataSourceRole,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: poolSize ?? (role === 'owner' ? 2 : 20),
      connectionTimeoutMillis: 5_000,
      application_name: role === 'owner' ? 'erp-migrator' : 'erp-api',
      ...(role === 'runtime' ? { options: RUNTIME_CONNECTION_OPTIONS } : {}),
    },
  };
}
