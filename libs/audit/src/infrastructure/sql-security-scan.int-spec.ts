import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { SystemClock } from '@erp/kernel';
import { AuditEntry, dataSourceOptions, DatabaseScope, RequestTransaction } from '@erp/platform';
import { createTestDatabase, TestDatabase } from '@erp/test-support';
import type { DetectedFinding } from '../domain/security/security-finding';
import { SqlAuditTrail } from './sql-audit-trail';
import { SqlSecurityFindingStore } from './sql-security-finding.store';
import { SqlSecurityScanSource } from './sql-security-scan.source';

/**
 * The scan's database side through the runtime role: an organization sees the platform-chain
 * sign-in events of its own members only (never another's, never with the wrong organization
 * set), erased IPs come back as null, and findings are deduplicated and isolated per organization.
 */
describe('security scan (database)', () => {
  let db: TestDatabase;
  let owner: DataSource;
  let runtime: DataSource;
  let tx: RequestTransaction;
  let trail: SqlAuditTrail;
  let source: SqlSecurityScanSource;
  let store: SqlSecurityFindingStore;
  const orgA = randomUUID();
  const orgB = randomUUID();
  const userA = randomUUID();
  const userB = randomUUID();
  const since = new Date(Date.now() - 3600_000);

  const scope = (organizationId: string | null): DatabaseScope => ({
    organizationId,
    userId: null,
    platformAdmin: false,
  });
  const failedLogin = (userId: string, ip: string | null): AuditEntry => ({
    organizationId: null,
    actor: { type: 'user', userId, display: 'someone' },
    action: 'auth.login',
    target: { type: 'User', id: userId },
    outcome: 'failed',
    errorCode: 'AUTH001',
    requestId: randomUUID(),
    ip,
    userAgent: 'jest',
    changes: null,
    details: { reason: 'bad_password' },
  });
  const finding = (key: string): DetectedFinding => ({
    type: 'access_anomaly',
    rule: 'failed_login_burst_account',
    severity: 'medium',
    subjectType: 'user',
    subjectId: userA,
    summary: 'burst',
    evidence: { failed_logins: 3 },
    dedupeKey: key,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await new DataSource(dataSourceOptions(db.url, { role: 'owner' })).initialize();
    runtime = await new DataSource(dataSourceOptions(db.url, { role: 'runtime', poolSize: 4 })).initialize();
    tx = new RequestTransaction(runtime, new ClsService(new AsyncLocalStorage()));
    trail = new SqlAuditTrail(new SystemClock());
    source = new SqlSecurityScanSource(tx);
    store = new SqlSecurityFindingStore(tx);
    await owner.query(`insert into organizations (id, name, code) values ($1, 'A', $3), ($2, 'B', $4)`, [
      orgA,
      orgB,
      `a-${orgA.slice(0, 8)}`,
      `b-${orgB.slice(0, 8)}`,
    ]);
    await owner.query(`insert into users (id, email, full_name) values ($1, $3, 'A'), ($2, $4, 'B')`, [
      userA,
      userB,
      `${userA}@test.local`,
      `${userB}@test.local`,
    ]);
    await owner.query(
      `insert into memberships (id, organization_id, user_id) values ($1, $2, $3), ($4, $5, $6)`,
      [randomUUID(), orgA, userA, randomUUID(), orgB, userB],
    );
    await tx.run(scope(null), async (m) => {
      await trail.append(m, failedLogin(userA, '203.0.113.1'));
      await trail.append(m, failedLogin(userA, null));
      await trail.append(m, failedLogin(userB, '203.0.113.2'));
    });
  });

  afterAll(async () => {
    await runtime.destroy();
    await owner.destroy();
    await db.drop();
  });

  it("returns the platform-chain events of the organization's members only", async () => {
    const events = await tx.run(scope(orgA), () => source.authEvents(orgA, since));
    expect(events.map((e) => [e.userId, e.action, e.outcome, e.ip])).toEqual([
      [userA, 'auth.login', 'failed', '203.0.113.1'],
      [userA, 'auth.login', 'failed', null],
    ]);
    expect(await tx.run(scope(orgB), () => source.authEvents(orgB, since))).toHaveLength(1);
  });

  it('returns nothing for an organization other than the one set, or none set', async () => {
    expect(await tx.run(scope(orgA), () => source.authEvents(orgB, since))).toEqual([]);
    expect(await tx.run(scope(null), () => source.authEvents(orgA, since))).toEqual([]);
    expect(await tx.run(scope(null), (m) => m.query(`select * from security_scan_last_seen()`))).toEqual([]);
  });

  it('keeps one open finding per key, and each organization’s findings to itself', async () => {
    const at = new Date();
    const first = await tx.run(scope(orgA), () => store.save(orgA, [finding('k1'), finding('k2')], at));
    expect(first).toEqual({ opened: 2, refreshed: 0 });
    const again = await tx.run(scope(orgA), () => store.save(orgA, [finding('k1')], at));
    expect(again).toEqual({ opened: 0, refreshed: 1 });
    const seenByB = await tx.run(scope(orgB), (m) => m.query(`select id from security_findings`));
    expect(seenByB).toEqual([]);
    await expect(tx.run(scope(orgB), () => store.save(orgA, [finding('k3')], at))).rejects.toThrow(
      /row-level security/,
    );
    const [{ n }] = await owner.query<{ n: number }[]>(
      `select count(*)::int as n from security_findings where organization_id = $1`,
      [orgA],
    );
    expect(n).toBe(2);
  });
});
