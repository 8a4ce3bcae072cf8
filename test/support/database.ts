import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrations } from '@erp/migrations';
import { runMigrations } from '@erp/platform';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
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

/** Changes whenever a migration is added or edited, so a stale template is rebuilt. */
const fingerprint = (): string =>
  createHash('sha256')
    .update(
      migrations.map((m) => `${m.name}\n${String(m.prototype.up)}\n${String(m.prototype.down)}`).join('\n'),
    )
    .digest('hex');

/**
 * The migrated template every test database is copied from, named by the migrations' fingerprint so
 * that checkouts with different migrations (worktrees, branches) never rebuild each other's.
 */
async function ensureTemplate(client: Client): Promise<string> {
  const expected = fingerprint();
  const template = `erp_test_template_${expected.slice(0, 16)}`;
  await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const found = await client.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [template],
    );
    if (found.rows[0]?.comment === expected) return template;
    if (found.rowCount === 1) await client.query(`drop database ${template} with (force)`);
    await client.query(`create database ${template}`);
    await runMigrations(urlFor(template));
    await client.query(`comment on database ${template} is '${expected}'`);
    return template;
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
    const template = await ensureTemplate(client);
    await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      await client.query(`create database ${name} template ${template}`);
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
