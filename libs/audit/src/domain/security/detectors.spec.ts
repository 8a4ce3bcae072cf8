import { detectAccessAnomalies } from './access-anomalies';
import { detectDormantAccounts, MemberActivity } from './dormant-accounts';
import { detectPrivilegeEscalation, RecentGrant, RoleChange } from './privilege-escalation';
import { AuthEvent, ScanThresholds } from './security-finding';
import { detectSessionAnomalies } from './session-anomalies';
import { busiestWindow } from './sliding-window';

const T: ScanThresholds = {
  burstWindowMinutes: 15,
  failedLoginsPerAccount: 5,
  failedLoginsPerIp: 8,
  ipWindowHours: 24,
  distinctIpsPerAccount: 4,
  dormantDays: 90,
  sessionDistinctIps: 3,
  sessionDistinctAgents: 3,
};
const NOW = new Date('2026-12-06T12:00:00Z');
const minutes = (m: number) => new Date(NOW.getTime() + m * 60_000);
let seq = 0;
const event = (e: Partial<AuthEvent>): AuthEvent => ({
  id: `e${++seq}`,
  at: NOW,
  action: 'auth.login',
  outcome: 'failed',
  userId: 'u1',
  ip: '10.0.0.1',
  userAgent: 'ua',
  familyId: null,
  ...e,
});
const times = (n: number, make: (i: number) => Partial<AuthEvent>): AuthEvent[] =>
  Array.from({ length: n }, (_, i) => event(make(i)));

describe('busiest window', () => {
  it('counts items, or distinct keys, within the window', () => {
    const items = [0, 1, 2, 30, 31].map((m, i) => ({ at: minutes(m), k: i % 2 ? 'a' : 'b' }));
    expect(busiestWindow(items, 15 * 60_000).size).toBe(3);
    expect(busiestWindow(items, 15 * 60_000, (i) => i.k).size).toBe(2);
    expect(busiestWindow([], 1000)).toEqual({ items: [], size: 0 });
  });
});

describe('access anomalies', () => {
  it('flags a burst of failed sign-ins for one account, high when a success follows', () => {
    const burst = times(5, (i) => ({ at: minutes(i), ip: `10.0.0.${i % 2}` }));
    const [finding] = detectAccessAnomalies(burst, T);
    expect(finding).toMatchObject({
      type: 'access_anomaly',
      rule: 'failed_login_burst_account',
      severity: 'medium',
      subjectType: 'user',
      subjectId: 'u1',
      evidence: { failed_logins: 5, distinct_ips: 2, succeeded_after: false },
      dedupeKey: 'failed_login_burst_account:u1',
    });
    const withSuccess = [...burst, event({ at: minutes(6), outcome: 'success' })];
    expect(detectAccessAnomalies(withSuccess, T)[0]).toMatchObject({
      severity: 'high',
      evidence: { succeeded_after: true },
    });
  });

  it('ignores failures spread wider than the window, and other actions', () => {
    const spread = times(6, (i) => ({ at: minutes(i * 10) }));
    expect(detectAccessAnomalies(spread, T)).toEqual([]);
    const refreshes = times(6, () => ({ action: 'auth.refresh' }));
    expect(detectAccessAnomalies(refreshes, T)).toEqual([]);
  });

  it('flags a burst from one IP against several accounts, and skips erased IPs', () => {
    const spray = times(8, (i) => ({ at: minutes(i), userId: `u${i % 4}`, ip: '203.0.113.9' }));
    const found = detectAccessAnomalies(spray, T).filter((f) => f.rule === 'failed_login_burst_ip');
    expect(found).toEqual([
      expect.objectContaining({
        subjectType: 'ip',
        subjectId: '203.0.113.9',
        severity: 'medium',
        evidence: expect.objectContaining({ failed_logins: 8, accounts: 4 }),
      }),
    ]);
    const erased = times(8, (i) => ({ at: minutes(i), userId: `u${i % 4}`, ip: null }));
    expect(detectAccessAnomalies(erased, T)).toEqual([]);
  });

  it('flags one account used from many distinct IPs within the IP window', () => {
    const many = times(4, (i) => ({ at: minutes(i * 60), outcome: 'success', ip: `198.51.100.${i}` }));
    expect(detectAccessAnomalies(many, T)).toEqual([
      expect.objectContaining({
        rule: 'distinct_ips_account',
        subjectId: 'u1',
        evidence: expect.objectContaining({ distinct_ips: 4, sign_ins: 4 }),
      }),
    ]);
    const slow = times(4, (i) => ({ at: minutes(i * 60 * 25), outcome: 'success', ip: `198.51.100.${i}` }));
    expect(detectAccessAnomalies(slow, T)).toEqual([]);
  });
});

describe('session anomalies', () => {
  const refresh = (i: number, ip: string, ua: string) =>
    event({ action: 'auth.refresh', outcome: 'success', at: minutes(i), familyId: 'f1', ip, userAgent: ua });

  it('flags a refresh family used from many IPs (medium) or many IPs and agents (high)', () => {
    const ips = [refresh(0, 'a', 'x'), refresh(1, 'b', 'x'), refresh(2, 'c', 'x')];
    expect(detectSessionAnomalies(ips, T)).toEqual([
      expect.objectContaining({
        type: 'session_anomaly',
        rule: 'refresh_family_spread',
        severity: 'medium',
        subjectId: 'u1',
        evidence: expect.objectContaining({ family_id: 'f1', distinct_ips: 3, distinct_user_agents: 1 }),
        dedupeKey: 'refresh_family_spread:f1',
      }),
    ]);
    const both = [refresh(0, 'a', 'x'), refresh(1, 'b', 'y'), refresh(2, 'c', 'z')];
    expect(detectSessionAnomalies(both, T)[0].severity).toBe('high');
    expect(detectSessionAnomalies(ips.slice(0, 2), T)).toEqual([]);
  });

  it('treats erased IPs and agents as unknown, and flags refresh-token reuse', () => {
    const erased = [refresh(0, 'a', 'x'), { ...refresh(1, 'b', 'y'), ip: null, userAgent: null }];
    expect(detectSessionAnomalies(erased, T)).toEqual([]);
    const reuse = event({ action: 'auth.refresh_reuse', outcome: 'denied', familyId: 'f2' });
    expect(detectSessionAnomalies([reuse], T)).toEqual([
      expect.objectContaining({ rule: 'refresh_token_reuse', severity: 'high', subjectId: 'u1' }),
    ]);
  });
});

describe('dormant accounts', () => {
  const days = (d: number) => new Date(NOW.getTime() - d * 24 * 3600 * 1000);
  const member = (m: Partial<MemberActivity>): MemberActivity => ({
    userId: 'u1',
    joinedAt: days(200),
    lastSeenAt: days(100),
    adminLevel: false,
    ...m,
  });

  it('flags long-time members not seen for the period; admins are medium', () => {
    const found = detectDormantAccounts(
      [
        member({}),
        member({ userId: 'admin', adminLevel: true, lastSeenAt: null }),
        member({ userId: 'recent', lastSeenAt: days(5) }),
        member({ userId: 'new', joinedAt: days(10), lastSeenAt: null }),
      ],
      T,
      NOW,
    );
    expect(found.map((f) => [f.subjectId, f.severity])).toEqual([
      ['u1', 'low'],
      ['admin', 'medium'],
    ]);
    expect(found[0]).toMatchObject({
      type: 'dormant_account',
      summary: 'No sign-in for 100 days',
      evidence: { last_seen_at: days(100).toISOString(), admin_level: false },
    });
  });
});

describe('privilege escalation', () => {
  const grant = (g: Partial<RecentGrant>): RecentGrant => ({
    id: 'g1',
    userId: 'u1',
    roleId: 'r1',
    roleCode: 'ops',
    level: 'member',
    grantedBy: 'boss',
    source: 'manual',
    grantedAt: NOW,
    founding: false,
    ...g,
  });
  const change = (before: Record<string, unknown>, after: Record<string, unknown>): RoleChange => ({
    auditId: 'a1',
    roleId: 'r1',
    actorId: 'boss',
    at: NOW,
    before,
    after,
  });

  it('flags admin-level grants and self-grants, never the founding grant or plain grants', () => {
    const found = detectPrivilegeEscalation(
      [
        grant({ id: 'admin', level: 'admin' }),
        grant({ id: 'self', grantedBy: 'u1' }),
        grant({ id: 'self-admin', grantedBy: 'u1', level: 'admin' }),
        grant({ id: 'founder', grantedBy: 'u1', level: 'admin', founding: true }),
        grant({ id: 'plain' }),
      ],
      [],
    );
    expect(found.map((f) => [f.rule, f.severity, f.dedupeKey])).toEqual([
      ['admin_grant', 'high', 'admin_grant:admin'],
      ['self_grant', 'high', 'self_grant:self'],
      ['self_grant', 'critical', 'self_grant:self-admin'],
    ]);
    expect(found[0]).toMatchObject({ subjectType: 'user', subjectId: 'u1', evidence: { role_code: 'ops' } });
  });

  it('flags roles broadened by an update: sensitive permissions or the admin level are high', () => {
    const [plain, sensitive, level] = detectPrivilegeEscalation(
      [],
      [
        change({ permissions: ['task:read'] }, { permissions: ['task:read', 'task:update'] }),
        { ...change({ permissions: [] }, { permissions: ['role:assign'] }), auditId: 'a2' },
        { ...change({ level: 'member' }, { level: 'admin' }), auditId: 'a3' },
      ],
    );
    expect(plain).toMatchObject({
      rule: 'role_broadened',
      severity: 'medium',
      subjectType: 'role',
      subjectId: 'r1',
      evidence: { added_permissions: ['task:update'], changed_by: 'boss' },
    });
    expect(sensitive.severity).toBe('high');
    expect(level).toMatchObject({
      severity: 'high',
      evidence: { level_before: 'member', level_after: 'admin' },
    });
  });

  it('ignores narrowed roles, renames and erased change sets', () => {
    const found = detectPrivilegeEscalation(
      [],
      [
        change({ permissions: ['task:read', 'task:update'] }, { permissions: ['task:read'] }),
        change({ name: 'A' }, { name: 'B' }),
        { ...change({}, {}), before: null, after: null },
        change({ level: 'admin' }, { level: 'manager' }),
      ],
    );
    expect(found).toEqual([]);
  });
});
