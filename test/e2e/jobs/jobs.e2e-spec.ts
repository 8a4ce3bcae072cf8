import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ExpireRecordsJob, JobQueue, JobWorker, loadConfig, RequestTransaction } from '@erp/platform';
import { WorkerModule } from '@erp/worker/worker.module';
import { OrganizationApp, spawnApp, startOrganizationApp, waitFor } from '@erp/test-support';

const DAY = 24 * 3600 * 1000;

describe('background jobs (issue 4, point 6)', () => {
  let o: OrganizationApp;
  let worker: INestApplicationContext | undefined;
  const jobs = (name: string, organizationId = o.org.id) =>
    o.t.ownerQuery<{ id: string; state: string; retry_count: number; data: object }>(
      `select id, state, retry_count, data from pgboss.job where name = $1 and data->>'organizationId' = $2
       order by created_on`,
      [name, organizationId],
    );

  beforeAll(async () => {
    o = await startOrganizationApp();
  });
  afterAll(async () => {
    await worker?.close();
    await o.t.close();
  });

  it('stores a job enqueued in a transaction that commits, and none from one that rolls back', async () => {
    const tx = o.t.app.get(RequestTransaction);
    const queue = o.t.app.get(JobQueue);
    const scope = { organizationId: o.org.id, userId: null, platformAdmin: false };
    const before = (await jobs('security.scan')).length;
    await expect(
      tx.run(scope, async () => {
        await queue.enqueue('security.scan', { organizationId: o.org.id, marker: 'rolled-back' });
        throw new Error('the change fails after the job was enqueued');
      }),
    ).rejects.toThrow('the change fails');
    const id = await tx.run(scope, () =>
      queue.enqueue('security.scan', { organizationId: o.org.id, marker: 'committed' }),
    );
    const after = await jobs('security.scan');
    expect(after.map((j) => j.data)).not.toContainEqual(expect.objectContaining({ marker: 'rolled-back' }));
    expect(after.slice(before)).toEqual([
      expect.objectContaining({
        id,
        state: 'created',
        data: { organizationId: o.org.id, marker: 'committed' },
      }),
    ]);
    await expect(queue.enqueue('security.scan', { organizationId: o.org.id })).rejects.toThrow(
      'No request transaction is open',
    );
  });

  it('enqueues a security scan when a request grants an admin-level role, as the runtime role', async () => {
    const before = (await jobs('security.scan')).length;
    await o.s.addMember(o.org.id, { roles: ['admin'] });
    expect((await jobs('security.scan')).length).toBe(before + 1);
    const [grants] = await o.t.ownerQuery<{ insert: boolean; select_data: boolean; delete: boolean }>(
      `select has_table_privilege('erp_app', 'pgboss.job_common', 'insert') as insert,
              has_column_privilege('erp_app', 'pgboss.job_common', 'data', 'select') as select_data,
              has_table_privilege('erp_app', 'pgboss.job_common', 'delete') as delete`,
    );
    expect(grants).toEqual({ insert: true, select_data: false, delete: false });
  });

  it('runs jobs in the worker: registers the schedules, retries a failing job with backoff, then dead-letters it', async () => {
    const config = loadConfig({ ...o.t.env, LOG_LEVEL: 'silent' });
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot({ config, databaseUrl: o.t.database.url }),
      { logger: false },
    );
    // Small delays for the test: 1 s, doubled (with jitter) per retry; two retries.
    await o.t.ownerQuery(
      `update pgboss.queue set retry_delay = 1, retry_limit = 2 where name = 'security.scan'`,
    );
    await o.t.ownerQuery(`delete from pgboss.job where name like 'security.scan%'`);
    const runner = worker.get(JobWorker);
    await runner.start({ url: o.t.database.url, pollingIntervalSeconds: 0.5 });
    expect(await runner.schedules()).toEqual(
      expect.arrayContaining([
        { name: 'maintenance.expire-records', cron: '15 3 * * *' },
        { name: 'audit.retention', cron: '30 3 * * *' },
        { name: 'security.scan-all', cron: '0 4 * * *' },
      ]),
    );
    const tx = o.t.app.get(RequestTransaction);
    const queue = o.t.app.get(JobQueue);
    const scope = { organizationId: null, userId: null, platformAdmin: true };
    const good = await tx.run(scope, () => queue.enqueue('security.scan', { organizationId: o.org.id }));
    // Not a uuid: every attempt fails in the database.
    await tx.run(scope, () => queue.enqueue('security.scan', { organizationId: 'no-such-org' }));
    // Each failed attempt sets the next start: record the delay chosen after each attempt.
    const delays = new Map<number, number>();
    await waitFor(async () => {
      const waiting = await o.t.ownerQuery<{ retry_count: number; delay: number }>(
        `select retry_count, extract(epoch from start_after - started_on)::float8 as delay from pgboss.job
         where name = 'security.scan' and state = 'retry' and data->>'organizationId' = 'no-such-org'`,
      );
      for (const w of waiting) delays.set(w.retry_count, w.delay);
      return (await jobs('security.scan.dead', 'no-such-org')).length === 1;
    }, 20_000);
    const [failed] = await jobs('security.scan', 'no-such-org');
    expect(failed).toMatchObject({ state: 'failed', retry_count: 2 });
    // Exponential backoff with jitter: 1-2 s after the first attempt, 2-4 s after the second.
    expect([...delays.keys()].sort()).toEqual([0, 1]);
    expect(delays.get(0)).toBeGreaterThanOrEqual(0.9);
    expect(delays.get(0)).toBeLessThan(2.1);
    expect(delays.get(1)).toBeGreaterThanOrEqual(1.9);
    expect(delays.get(1)).toBeLessThan(4.1);
    await waitFor(
      async () => (await jobs('security.scan')).find((j) => j.id === good)?.state === 'completed',
      10_000,
    );
    await runner.stop();
    expect(runner.started).toBe(false);
  }, 40_000);

  it('the expiry job deletes expired idempotency records and long-dead refresh tokens, keeps the rest', async () => {
    const [{ id: userId }] = await o.t.ownerQuery<{ id: string }>(
      `select id from users order by created_at limit 1`,
    );
    const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    await o.t.ownerQuery(`delete from idempotency_records`);
    await o.t.ownerQuery(`delete from refresh_tokens`);
    for (const [key, expires] of [
      ['expired', ago(1)],
      ['live', ago(-1)],
    ])
      await o.t.ownerQuery(
        `insert into idempotency_records (user_id, principal, key, request_hash, response, expires_at)
         values ($1, 'user', $2, repeat('a', 64), '{}', $3)`,
        [userId, key, expires],
      );
    const tokens: [string, string, string | null][] = [
      ['expired-long-ago', ago(31), null],
      ['revoked-long-ago', ago(-5), ago(31)],
      ['expired-recently', ago(2), null],
      ['revoked-recently', ago(-5), ago(2)],
      ['live', ago(-5), null],
    ];
    for (const [name, expires, revoked] of tokens)
      await o.t.ownerQuery(
        `insert into refresh_tokens (id, user_id, family_id, token_hash, expires_at, revoked_at)
         values (gen_random_uuid(), $1, gen_random_uuid(), encode(sha256($2::bytea), 'hex'), $3, $4)`,
        [userId, name, expires, revoked],
      );
    const expired = await o.t.app.get(ExpireRecordsJob).expire();
    expect(expired).toEqual({ idempotencyRecords: 1, refreshTokens: 2 });
    expect(await o.t.ownerQuery(`select key from idempotency_records`)).toEqual([{ key: 'live' }]);
    const left = await o.t.ownerQuery<{ token_hash: string }>(`select token_hash from refresh_tokens`);
    const hashes = await o.t.ownerQuery<{ h: string }>(
      `select encode(sha256(n::bytea), 'hex') as h from unnest($1::text[]) n`,
      [['expired-recently', 'revoked-recently', 'live']],
    );
    expect(left.map((r) => r.token_hash).sort()).toEqual(hashes.map((r) => r.h).sort());
  });

  it('the worker process starts, reports ready, and stops on SIGTERM with exit 0', async () => {
    const worker = await spawnApp('apps/worker/src/main.ts', 'WORKER_PORT');
    try {
      expect(await (await fetch(`${worker.base}/health/ready`)).json()).toEqual({
        status: 'ok',
        checks: { database: 'up', jobs: 'started' },
      });
      const code = await worker.stop();
      expect({ code, output: code === 0 ? '' : worker.output() }).toEqual({ code: 0, output: '' });
      expect(worker.output()).toContain('Stopped');
    } finally {
      await worker.dispose();
    }
  }, 90_000);
});
