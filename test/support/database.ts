import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrations } from '@erp/migrations';
import { runMigrations } from '@erp/platform';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEMPLATE = 'erp_test_template';
const TEMPLATE_LOCK = 727_001;

const urlFor = (database: string): string => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The migrated template every test database is copied from; rebuilt when the migrations change. */
async function ensureTemplate(client: Client): Promise<void> {
  await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const exists =
      (await client.query('select 1 from pg_database where datname = $1', [TEMPLATE])).rowCount === 1;
    if (exists) {
      const template = new Client({ connectionString: urlFor(TEMPLATE) });
      await template.connect();
      const applied = await template
        .query<{ name: string }>('select name from schema_migrations order by id')
        .then((r) => r.rows.map((row) => row.name))
        .catch(() => [] as string[]);
      await template.end();
      if (applied.join() === migrations.map((m) => m.name).join()) return;
      await client.query(`drop database ${TEMPLATE} with (force)`);
    }
    await client.query(`create database ${TEMPLATE}`);
    await runMigrations(urlFor(TEMPLATE));
  } finally {
    await client.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `erp_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    await ensureTemplate(client);
    await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      await client.query(`create database ${name} template ${TEMPLATE}`);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return {
    url: urlFor(name),
    name,
    drop: () =>
      withAdmin((client) =>
        client.query(`drop database if exists ${name} with (force)`).then(() => undefined),
      ),
  };
}
