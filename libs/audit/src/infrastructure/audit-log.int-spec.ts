import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { Clock } from '@erp/kernel';
import { AuditEntry, dataSourceOptions, DatabaseScope, RequestTransaction } from '@erp/platform';
import { createTestDatabase, TestDatabase } from '@erp/test-support';
import { VerifyAuditChainUseCase } from '../application/verify-audit-chain.use-case';
import { SqlAuditChainReader } from './sql-audit-chain.reader';
import { SqlAuditMaintenance } from './sql-audit-maintenance';
import { SqlAuditTrail } from './sql-audit-trail';

class SettableClock extends Clock {
  at = new Date();
  now(): Date {
    return new Date(this.at);
  }
}

const DAY = 24 * 3600 * 1000;

/**
 * The audit tables and functions against a real PostgreSQL, through the runtime role: the chain
 * the trigger builds verifies in TypeScript, tampering is found, the runtime role cannot change
 * rows, and retention and pseudonymization keep every chain verifiable.
 */
describe('audit log (database)', () => {
  let db: TestDatabase;
  let owner: DataSource;
  let runtime: DataSource;
  let tx: RequestTransaction;
  const clock = new SettableClock();
  let trail: SqlAuditTrail;
  let verifier: VerifyAuditChainUseCase;
  let maintenance: SqlAuditMaintenance;
  const userA = randomUUID();
  const userB = randomUUID();

  const scope = (organizationId: string | null, platformAdmin = false): DatabaseScope => ({
    organizationId,
    userId: null,
    platformAdmin,
  });

  const entry = (organizationId: string | null, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
    organizationId,
    actor: { type: 'user', userId: userA },
    action: 'task.update',
    target: { type: 'Task', id: randomUUID() },
    outcome: 'success',
    errorCode: null,
    requestId: randomUUID(),
    ip: '203.0.113.9',
    userAgent: 'jest',
    changes: { before: { title: 'a', password: 'p' }, after: { title: 'b', password: 'q' } },
    details: { method: 'PATCH' },
    ...overrides,
  });

  const append = (organizationId: string | null, overrides: Partial<AuditEntry> = {}) =>
    tx.run(scope(organizationId), (manager) => trail.append(manager, entry(organizationId, overrides)));

  const verify = (organizationId: string | null) =>
    tx.run(scope(organizationId, organizationId === null), () => verifier.execute(organizationId));

  const rowsOf = (organizationId: string) =>
    owner.query<{ id: string; chain_seq: string }[]>(
      `select id, chain_seq::text as chain_seq from audit_log l where organization_id = $1 order by l.chain_seq`,
      [organizationId],
    );

  /** An owner with the table's own maintenance switch on: what a tampering administrator could do. */
  const tamper = (sql: string, params: unknown[]) =>
    owner.transaction(async (m) => {
      await m.query(`select set_config('app.audit_maintenance', 'on', true)`);
      await m.query(sql, params);
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await new DataSource(dataSourceOptions(db.url, { role: 'owner' })).initialize();
    runtime = await new DataSource(dataSourceOptions(db.url, { role: 'runtime', poolSize: 8 })).initialize();
    tx = new RequestTransaction(runtime, new ClsService(new AsyncLocalStorage()));
    trail = new SqlAuditTrail(clock);
    verifier = new VerifyAuditChainUseCase(new SqlAuditChainReader(tx));
    maintenance = new SqlAuditMaintenance(tx);
  });

  afterAll(async () => {
    await runtime.destroy();
    await owner.destroy();
    await db.drop();
  });

  beforeEach(() => {
    clock.at = new Date();
  });

  it('chains appends per organization; the database hash verifies in TypeScript', async () => {
    const org = randomUUID();
    for (let i = 0; i < 3; i += 1) await append(org);
    await append(null, { actor: { type: 'anonymous', userId: null, display: 'someone@x' } });
    expect(await verify(org)).toEqual({ valid: true, checked: 3, firstInvalidId: null, reason: null });
    expect((await rowsOf(org)).map((r) => r.chain_seq)).toEqual(['1', '2', '3']);
    expect(await verify(null)).toMatchObject({ valid: true });
    const [row] = await owner.query<{ personal: object }[]>(
      `select personal from audit_log where organization_id = $1 limit 1`,
      [org],
    );
    expect(JSON.stringify(row.personal)).not.toContain('"p"');
  });

  it('serializes concurrent appends to one chain: no gap, no fork', async () => {
    const org = randomUUID();
    await Promise.all(Array.from({ length: 12 }, () => append(org)));
    expect((await rowsOf(org)).map((r) => Number(r.chain_seq))).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(await verify(org)).toMatchObject({ valid: true, checked: 12 });
  });

  it('lets the runtime role only insert and read: no update, delete or truncate', async () => {
    const org = randomUUID();
    await append(org);
    for (const sql of [
      `update audit_log set action = 'x'`,
      `delete from audit_log`,
      `truncate audit_log`,
      `update audit_chains set head_seq = 0`,
    ]) {
      await expect(tx.run(scope(org), (m) => m.query(sql))).rejects.toThrow(/permission denied/);
    }
    // Even the owner is stopped by the append-only trigger unless it switches it off on purpose.
    await expect(owner.query(`update audit_log set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`delete from audit_log`)).rejects.toThrow(/append-only/);
    expect(await verify(org)).toMatchObject({ valid: true, checked: 1 });
  });

  it('shows an organization only its own rows, and platform rows to platform administrators only', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await append(a);
    await append(b);
    await append(null);
    const visible = (s: DatabaseScope) =>
      tx.run(s, (m) =>
        m.query<{ organization_id: string | null }[]>(`select distinct organization_id from audit_log`),
      );
    expect(await visible(scope(a))).toEqual([{ organization_id: a }]);
    expect(await visible(scope(null))).toEqual([]);
    expect((await visible(scope(null, true))).every((r) => r.organization_id === null)).toBe(true);
    await expect(append(b, { organizationId: a })).rejects.toThrow(/row-level security/);
  });

  it('fails verification at the first altered row, at the row after a deleted one, and on a cut tail', async () => {
    const altered = randomUUID();
    for (let i = 0; i < 4; i += 1) await append(altered);
    const rows = await rowsOf(altered);
    await tamper(`update audit_log set outcome = 'denied' where id = $1`, [rows[1].id]);
    expect(await verify(altered)).toEqual({
      valid: false,
      checked: 2,
      firstInvalidId: rows[1].id,
      reason: 'altered',
    });

    const deleted = randomUUID();
    for (let i = 0; i < 4; i += 1) await append(deleted);
    const kept = await rowsOf(deleted);
    await tamper(`delete from audit_log where id = $1`, [kept[2].id]);
    expect(await verify(deleted)).toMatchObject({
      valid: false,
      firstInvalidId: kept[3].id,
      reason: 'missing_rows',
    });

    const cut = randomUUID();
    for (let i = 0; i < 3; i += 1) await append(cut);
    await tamper(`delete from audit_log where id = $1`, [(await rowsOf(cut))[2].id]);
    expect(await verify(cut)).toMatchObject({ valid: false, firstInvalidId: null, reason: 'truncated' });

    const personal = randomUUID();
    await append(personal);
    await tamper(`update audit_log set personal = jsonb_set(personal, '{ip,v}', '"198.51.100.1"')`, []);
    expect(await verify(personal)).toMatchObject({ valid: false, reason: 'personal_data_altered' });
  });

  it('applies retention as a platform job only, keeps 30 days at least, and the chains still verify', async () => {
    const org = randomUUID();
    clock.at = new Date(Date.now() - 400 * DAY);
    for (let i = 0; i < 3; i += 1) await append(org);
    clock.at = new Date(Date.now() - 10 * DAY);
    await append(org);
    clock.at = new Date(Date.now() - 500 * DAY);
    await append(org); // out of order in time: kept, since a newer row precedes it
    clock.at = new Date();
    await append(org);

    await expect(tx.run(scope(org), () => maintenance.applyRetention(365))).rejects.toThrow(
      /platform-level job/,
    );
    await expect(tx.run(scope(null, true), () => maintenance.applyRetention(7))).rejects.toThrow(
      /at least 30 days/,
    );
    const outcomes = await tx.run(scope(null, true), () => maintenance.applyRetention(365));
    expect(outcomes).toContainEqual({ organizationId: org, deleted: 3, checkpointSeq: '3' });
    expect((await rowsOf(org)).map((r) => r.chain_seq)).toEqual(['4', '5', '6']);
    expect(await verify(org)).toEqual({ valid: true, checked: 3, firstInvalidId: null, reason: null });
    // A second run finds nothing more to delete in this chain.
    const again = await tx.run(scope(null, true), () => maintenance.applyRetention(365));
    expect(again.find((o) => o.organizationId === org)).toBeUndefined();
  });

  it('pseudonymizes a user: raw personal values go, digests stay, the chain still verifies', async () => {
    const org = randomUUID();
    await append(org, { actor: { type: 'user', userId: userB } });
    await append(org, {
      actor: { type: 'anonymous', userId: null, display: 'B@Example.test' },
      action: 'auth.login',
    });
    await append(org, { target: { type: 'User', id: userB }, action: 'member.update' });
    await append(org); // userA's row, about a task: untouched

    await expect(tx.run(scope(org), () => maintenance.pseudonymizeUser(userB, null))).rejects.toThrow(
      /platform administrator/,
    );
    const changed = await tx.run(scope(null, true), () =>
      maintenance.pseudonymizeUser(userB, 'b@example.test'),
    );
    expect(changed).toBe(3);
    const rows = await owner.query<
      {
        personal: Record<string, unknown>;
        personal_digests: Record<string, string>;
        pseudonymized: boolean;
      }[]
    >(
      `select personal, personal_digests, pseudonymized_at is not null as pseudonymized
         from audit_log where organization_id = $1 order by chain_seq`,
      [org],
    );
    expect(rows.map((r) => Object.keys(r.personal).sort())).toEqual([
      ['changes'],
      ['changes'],
      ['ip', 'user_agent'],
      ['changes', 'ip', 'user_agent'],
    ]);
    expect(rows.map((r) => r.pseudonymized)).toEqual([true, true, true, false]);
    expect(Object.keys(rows[0].personal_digests).sort()).toEqual(['changes', 'ip', 'user_agent']);
    expect(JSON.stringify(rows)).not.toContain('B@Example.test');
    expect(await verify(org)).toEqual({ valid: true, checked: 4, firstInvalidId: null, reason: null });
  });
});
