import { ClsServiceManager } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@erp/test-support';
import { dataSourceOptions } from './data-source-options';
import { mapError } from '../http/error-mapping';
import { RequestTransaction } from './request-transaction';

describe('RequestTransaction (real PostgreSQL)', () => {
  let database: TestDatabase;
  let runtime: DataSource;
  let transaction: RequestTransaction;

  beforeAll(async () => {
    database = await createTestDatabase();
    runtime = new DataSource(dataSourceOptions(database.url, { role: 'runtime' }));
    await runtime.initialize();
    transaction = new RequestTransaction(runtime, ClsServiceManager.getClsService());
  });
  afterAll(async () => {
    await runtime.destroy();
    await database.drop();
  });

  const ORG = '3f1c3c6e-8d4e-4b7a-9a51-3f0b6c1d2e4f';
  const USER = '9b2f4a1e-2c3d-4e5f-8a7b-6c5d4e3f2a1b';

  it('opens one transaction with the settings in place, and nested savepoints still work', async () => {
    const seen = await transaction.run(
      { organizationId: ORG, userId: USER, platformAdmin: true },
      async (manager) => {
        const [row] = await manager.query<{ org: string; usr: string; adm: string }[]>(
          `select current_setting('app.organization_id') as org, current_setting('app.user_id') as usr,
                current_setting('app.platform_admin') as adm`,
        );
        // A savepoint inside (TypeORM's nested transaction) commits into the outer one.
        await manager.transaction(async (inner) => inner.query('select 1'));
        const [same] = await manager.query<{ org: string }[]>(
          `select current_setting('app.organization_id') as org`,
        );
        return { ...row, after: same.org };
      },
    );
    expect(seen).toMatchObject({ org: ORG, usr: USER, adm: 'on', after: ORG });
    // Transaction-local: nothing is left on the pooled connection afterwards.
    const [left] = await runtime.query<{ org: string | null }[]>(
      `select current_setting('app.organization_id', true) as org`,
    );
    expect(left.org ?? '').toBe('');
  });

  it('begins on the database only with the first statement: none, no connection borrowed', async () => {
    const driver = runtime.driver as unknown as { obtainMasterConnection(): Promise<unknown> };
    const obtain = jest.spyOn(driver, 'obtainMasterConnection');
    try {
      let committed = false;
      await transaction.run({ organizationId: ORG, userId: USER, platformAdmin: false }, () => {
        transaction.afterCommit(() => void (committed = true));
        return Promise.resolve();
      });
      expect(obtain).not.toHaveBeenCalled();
      expect(committed).toBe(true);
      // Statements racing to be first all wait for the one BEGIN and run with the settings.
      const seen = await transaction.run(
        { organizationId: ORG, userId: USER, platformAdmin: false },
        (manager) =>
          Promise.all(
            [1, 2, 3].map(() =>
              manager.query<{ org: string }[]>(`select current_setting('app.organization_id') as org`),
            ),
          ),
      );
      expect(obtain).toHaveBeenCalledTimes(1);
      expect(seen.map(([row]) => row.org)).toEqual([ORG, ORG, ORG]);
    } finally {
      obtain.mockRestore();
    }
  });

  it('refuses an id that is not a UUID before anything reaches the database', async () => {
    await expect(
      transaction.run(
        { organizationId: "x'; drop table users; --", userId: USER, platformAdmin: false },
        () => Promise.resolve(1),
      ),
    ).rejects.toThrow('UUID');
  });

  it('answers 503 SYS001 (not a 500) when the connection dies before the commit, and the pool carries on', async () => {
    const title = `lost-${Date.now()}`;
    const outcome = transaction.run(
      { organizationId: ORG, userId: USER, platformAdmin: true },
      async (manager) => {
        await manager.query(`select set_config('app.note', $1, true)`, [title]);
        const [{ pid }] = await manager.query<{ pid: number }[]>('select pg_backend_pid() as pid');
        const owner = new DataSource(dataSourceOptions(database.url, { role: 'owner' }));
        await owner.initialize();
        await owner.query('select pg_terminate_backend($1)', [pid]);
        await owner.destroy();
        // TypeORM notices the dead connection and releases the runner.
        await new Promise((resolve) => setTimeout(resolve, 100));
        return 'handled';
      },
    );
    const error = await outcome.then(
      () => undefined,
      (e: unknown) => e,
    );
    const mapped = mapError(error, 'en', 'trace');
    expect(mapped.status).toBe(503);
    expect(mapped.body.code).toBe('SYS001');
    expect(mapped.headers['Retry-After']).toBe('5');
    // The pool goes on with a fresh connection.
    expect(await runtime.query('select 1 as one')).toEqual([{ one: 1 }]);
  });
});
