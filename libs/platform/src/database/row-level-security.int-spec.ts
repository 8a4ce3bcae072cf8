import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@erp/test-support';
import { dataSourceOptions } from './data-source-options';
import { RUNTIME_ROLE } from './runtime-role';

/**
 * Row-level security on its own: these queries carry no application filter at all,
 * so anything they see or change is what the database policy allows.
 */
describe('row-level security', () => {
  let db: TestDatabase;
  let owner: DataSource;
  let runtime: DataSource;
  const orgA = randomUUID();
  const orgB = randomUUID();

  /** A transaction as the API opens it: settings are transaction-local. */
  async function asTenant<T>(
    organizationId: string | null,
    work: (q: (sql: string, params?: unknown[]) => Promise<any[]>) => Promise<T>,
  ): Promise<T> {
    const runner = runtime.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`select set_config('app.organization_id', $1, true)`, [organizationId ?? '']);
      const result = await work((sql, params) => runner.query(sql, params));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await new DataSource(dataSourceOptions(db.url, { role: 'owner' })).initialize();
    runtime = await new DataSource(dataSourceOptions(db.url, { role: 'runtime', poolSize: 2 })).initialize();
    for (const [id, code] of [
      [orgA, 'a'],
      [orgB, 'b'],
    ]) {
      // The owner is a superuser here, which bypasses RLS: fixtures only.
      await owner.query(`insert into organizations (id, name, code) values ($1, $2, $2)`, [id, code]);
      for (let i = 0; i < 3; i += 1) {
        await owner.query(`insert into tasks (id, organization_id, title) values ($1, $2, $3)`, [
          randomUUID(),
          id,
          `${code}-${i}`,
        ]);
      }
    }
  });

  afterAll(async () => {
    await runtime.destroy();
    await owner.destroy();
    await db.drop();
  });

  it('shows a tenant only its own rows, without any application filter', async () => {
    const titles = await asTenant(orgA, (q) => q('select title, organization_id from tasks'));
    expect(titles).toHaveLength(3);
    expect(titles.every((t: { organization_id: string }) => t.organization_id === orgA)).toBe(true);
    expect(
      await asTenant(orgA, (q) => q('select * from tasks where organization_id = $1', [orgB])),
    ).toHaveLength(0);
  });

  it('refuses to write a row into another organization', async () => {
    await expect(
      asTenant(orgA, (q) =>
        q(`insert into tasks (id, organization_id, title) values ($1, $2, 'smuggled')`, [randomUUID(), orgB]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(asTenant(orgA, (q) => q(`update tasks set organization_id = $1`, [orgB]))).rejects.toThrow(
      /row-level security/,
    );
  });

  it("cannot update or delete another organization's rows (0 rows affected)", async () => {
    await asTenant(orgA, async (q) => {
      await q(`update tasks set title = 'hacked' where organization_id = $1`, [orgB]);
      await q(`delete from tasks where organization_id = $1`, [orgB]);
    });
    const rows = await owner.query(`select title from tasks where organization_id = $1 order by title`, [
      orgB,
    ]);
    expect(rows.map((r: { title: string }) => r.title)).toEqual(['b-0', 'b-1', 'b-2']);
  });

  it('shows nothing when no tenant is set, and the setting never outlives its transaction', async () => {
    expect(await asTenant(null, (q) => q('select * from tasks'))).toHaveLength(0);
    await asTenant(orgA, (q) => q('select 1'));
    // Same pooled connection, new transaction: the previous tenant is gone.
    expect(
      await asTenant(null, (q) =>
        q(`select current_setting('app.organization_id', true) as org, count(*)::int as n from tasks`),
      ),
    ).toEqual([{ org: '', n: 0 }]);
  });

  it('runs under a role that owns nothing and cannot bypass RLS, whatever the connection string names', async () => {
    const [who] = await asTenant(orgA, (q) =>
      q(`select current_user as role, r.rolsuper, r.rolbypassrls,
                (select count(*)::int from pg_tables t where t.tableowner = current_user) as owned
         from pg_roles r where r.rolname = current_user`),
    );
    expect(who).toEqual({ role: RUNTIME_ROLE, rolsuper: false, rolbypassrls: false, owned: 0 });
    // The connection string names a superuser, yet turning RLS off is refused.
    await expect(
      asTenant(orgA, (q) => q('set local row_security = off; select * from tasks')),
    ).rejects.toThrow();
  });

  it('protects every table that has an organization_id with forced RLS and a policy', async () => {
    const unprotected = await owner.query(
      `select c.relname from pg_class c
       join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
       where c.relkind = 'r'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped)
         and not (c.relrowsecurity and c.relforcerowsecurity and exists (select 1 from pg_policy p where p.polrelid = c.oid))`,
    );
    expect(unprotected).toEqual([]);
    const [{ n }] = await owner.query(
      `select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
       where s.nspname = 'public' and c.relkind = 'r' and c.relforcerowsecurity`,
    );
    expect(n).toBeGreaterThanOrEqual(7);
  });
});
