import { ScanAllOrganizationsUseCase } from '@erp/audit';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

interface Finding {
  id: string;
  type: string;
  rule: string;
  severity: string;
  subject_type: string;
  subject_id: string;
  summary: string;
  evidence: Record<string, unknown>;
  status: string;
  occurrences: number;
}

const NOT_FOUND = { code: 'BIZ002' };
const ATTACKER_IP = '203.0.113.7';

/**
 * Security audit automation: anomalies seeded through the API (failed sign-ins, sign-ins and
 * refreshes from several IPs and agents, a reused refresh token, grants, a broadened role) and
 * in the database (a dormant member), then scanned on demand and by the daily job.
 */
describe('security findings', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let quiet: TestOrganization;
  let other: TestOrganization;
  let orgAdmin: TestMember;
  let member: TestMember;
  let victim: TestMember;
  let roamer: TestMember;
  let traveler: TestMember;
  let reuser: TestMember;
  let outsider: TestMember;
  let dormantId: string;
  let founderId: string;
  let roleId: string;
  let selfRoleId: string;
  const secrets: string[] = [];

  const base = (organizationId: string) => `/api/v1/organizations/${organizationId}/security`;
  const findings = (organizationId: string, token?: string, query: Record<string, string | number> = {}) =>
    t.http.get(`${base(organizationId)}/findings`, { token, query: { size: 100, ...query } });
  const scan = (organizationId: string, token?: string) =>
    t.http.post(`${base(organizationId)}/scans`, undefined, { token });
  const from = (ip: string, agent = 'test-agent/1.0') => ({ 'x-forwarded-for': ip, 'user-agent': agent });
  const login = (email: string, password: string, ip: string, agent?: string) =>
    t.http.post('/api/v1/auth/token/obtain', { username: email, password }, { headers: from(ip, agent) });
  const refresh = (token: string, ip: string, agent?: string) =>
    t.http.post('/api/v1/auth/token/refresh', { refresh_token: token }, { headers: from(ip, agent) });

  beforeAll(async () => {
    t = await startTestApp({
      TRUSTED_PROXIES: '127.0.0.1',
      LOGIN_MAX_FAILURES: '100',
      SECURITY_SCAN_FAILED_LOGINS_PER_ACCOUNT: '4',
      SECURITY_SCAN_FAILED_LOGINS_PER_IP: '5',
      SECURITY_SCAN_DISTINCT_IPS_PER_ACCOUNT: '3',
      SECURITY_SCAN_SESSION_DISTINCT_IPS: '2',
      SECURITY_SCAN_SESSION_DISTINCT_AGENTS: '2',
      SECURITY_SCAN_DORMANT_DAYS: '30',
    });
    s = new Scenario(t);
    org = await s.createOrganization();
    quiet = await s.createOrganization();
    other = await s.createOrganization();
    founderId = (await t.http.get('/api/v1/auth/me', { token: org.adminToken })).body.data.id;
    orgAdmin = await s.addMember(org.id, { roles: ['admin'] });
    member = await s.addMember(org.id, { roles: ['member'] });
    victim = await s.addMember(org.id, { roles: ['member'] });
    roamer = await s.addMember(org.id, { roles: ['member'] });
    traveler = await s.addMember(org.id, { roles: ['member'] });
    reuser = await s.addMember(org.id, { roles: ['member'] });
    outsider = await s.addMember(other.id, { roles: ['member'] });
    await s.addMember(quiet.id, { roles: ['member'] });

    // Access anomalies: a burst of failed sign-ins for the victim from one IP, then a success.
    for (let i = 0; i < 5; i++)
      expect((await login(victim.email, 'wrong-password', ATTACKER_IP)).status).toBe(401);
    // ... an unknown account from the same IP (attributed to no organization) ...
    await login('nobody@test.local', 'wrong-password', ATTACKER_IP);
    // ... and a member signing in from three IPs.
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
      expect((await login(roamer.email, roamer.password, ip)).status).toBe(200);

    // Session anomalies: one refresh family used from two IPs and agents; a reused refresh token.
    const first = await login(traveler.email, traveler.password, '192.0.2.10', 'laptop/1.0');
    const second = await refresh(first.body.data.refresh_token, '192.0.2.10', 'laptop/1.0');
    secrets.push(
      first.body.data.refresh_token,
      second.body.data.refresh_token,
      second.body.data.access_token,
    );
    expect((await refresh(second.body.data.refresh_token, '192.0.2.99', 'curl/8.0')).status).toBe(200);
    const r1 = await login(reuser.email, reuser.password, '127.0.0.1');
    await refresh(r1.body.data.refresh_token, '127.0.0.1');
    expect((await refresh(r1.body.data.refresh_token, '127.0.0.1')).status).toBe(401);

    // Privilege escalation: a self-grant, a broadened role (the admin grant came with orgAdmin).
    const role = await t.http.post(
      `/api/v1/organizations/${org.id}/roles`,
      { code: 'ops', name: 'Ops', permissions: ['task:read'] },
      { token: org.adminToken },
    );
    roleId = role.body.data.id;
    const patched = await t.http.patch(
      `/api/v1/organizations/${org.id}/roles/${roleId}`,
      { permissions: ['task:read', 'task:update', 'role:assign'] },
      { token: org.adminToken },
    );
    expect(patched.status).toBe(200);
    selfRoleId = roleId;
    const self = await t.http.post(
      `/api/v1/organizations/${org.id}/users/${founderId}/roles`,
      { role_id: selfRoleId },
      { token: org.adminToken },
    );
    expect(self.status).toBe(201);

    // Dormant: a member added without a password (never signed in), who joined 60 days ago.
    const added = await t.http.post(
      `/api/v1/organizations/${org.id}/users`,
      { email: 'sleeper@test.local', full_name: 'Sleeper' },
      { token: org.adminToken },
    );
    dormantId = added.body.data.id;
    await t.ownerQuery(`update memberships set joined_at = now() - interval '60 days' where user_id = $1`, [
      dormantId,
    ]);

    // The other organization gets a finding of its own (a self-grant of its founder).
    const otherRole = await t.http.post(
      `/api/v1/organizations/${other.id}/roles`,
      { code: 'x', name: 'X', permissions: ['task:read'] },
      { token: other.adminToken },
    );
    await t.http.post(
      `/api/v1/organizations/${other.id}/users/${founderId}/roles`,
      { role_id: otherRole.body.data.id },
      { token: other.adminToken },
    );
  });
  afterAll(() => t.close());

  const byRule = (list: Finding[], rule: string) => list.filter((f) => f.rule === rule);

  it('scans on demand and stores one finding per anomaly, with severity, subject and evidence', async () => {
    const res = await scan(org.id, orgAdmin.token);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      organization_id: org.id,
      refreshed: 0,
      by_type: { access_anomaly: 4, session_anomaly: 2, privilege_escalation: 3, dormant_account: 1 },
    });
    expect(res.body.data.opened).toBe(10);

    const list: Finding[] = (await findings(org.id, orgAdmin.token)).body.data;
    expect(list).toHaveLength(10);
    expect(byRule(list, 'failed_login_burst_account')).toEqual([
      expect.objectContaining({
        type: 'access_anomaly',
        severity: 'medium',
        subject_type: 'user',
        subject_id: victim.userId,
        status: 'open',
        occurrences: 1,
        evidence: expect.objectContaining({ failed_logins: 5, ips: [ATTACKER_IP], succeeded_after: false }),
      }),
    ]);
    // Only the failures against this organization's members count: the unknown account is left out.
    expect(byRule(list, 'failed_login_burst_ip')).toEqual([
      expect.objectContaining({
        subject_type: 'ip',
        subject_id: ATTACKER_IP,
        evidence: expect.objectContaining({ failed_logins: 5, accounts: 1, user_ids: [victim.userId] }),
      }),
    ]);
    // Scenario's own sign-in (127.0.0.1) counts too: the roamer used 4 IPs, the traveler 3.
    expect(
      byRule(list, 'distinct_ips_account')
        .map((f) => [f.subject_id, f.evidence.distinct_ips, f.severity])
        .sort(),
    ).toEqual(
      [
        [roamer.userId, 4, 'medium'],
        [traveler.userId, 3, 'medium'],
      ].sort(),
    );
    expect(byRule(list, 'refresh_family_spread')).toEqual([
      expect.objectContaining({
        type: 'session_anomaly',
        severity: 'high',
        subject_id: traveler.userId,
        evidence: expect.objectContaining({ refreshes: 2, distinct_ips: 2, distinct_user_agents: 2 }),
      }),
    ]);
    expect(byRule(list, 'refresh_token_reuse')).toEqual([
      expect.objectContaining({ type: 'session_anomaly', severity: 'high', subject_id: reuser.userId }),
    ]);
    expect(byRule(list, 'self_grant')).toEqual([
      expect.objectContaining({
        type: 'privilege_escalation',
        severity: 'high',
        subject_id: founderId,
        evidence: expect.objectContaining({ role_id: selfRoleId, role_code: 'ops', granted_by: founderId }),
      }),
    ]);
    expect(byRule(list, 'admin_grant')).toEqual([
      expect.objectContaining({ severity: 'high', subject_id: orgAdmin.userId }),
    ]);
    expect(byRule(list, 'role_broadened')).toEqual([
      expect.objectContaining({
        severity: 'high',
        subject_type: 'role',
        subject_id: roleId,
        evidence: expect.objectContaining({ added_permissions: ['role:assign', 'task:update'] }),
      }),
    ]);
    expect(byRule(list, 'dormant_account')).toEqual([
      expect.objectContaining({
        type: 'dormant_account',
        severity: 'low',
        subject_id: dormantId,
        evidence: expect.objectContaining({ last_seen_at: null }),
      }),
    ]);
    // No secret in any finding.
    const text = JSON.stringify(list);
    for (const secret of [victim.password, roamer.password, 'wrong-password', ...secrets])
      expect(text).not.toContain(secret);
  });

  it('does not duplicate an open finding on a second scan, and refreshes it', async () => {
    const res = await scan(org.id, org.adminToken);
    expect(res.body.data).toMatchObject({ opened: 0, refreshed: 10 });
    const list: Finding[] = (await findings(org.id, orgAdmin.token)).body.data;
    expect(list).toHaveLength(10);
    expect(list.every((f) => f.occurrences === 2)).toBe(true);
  });

  it('finds nothing in a quiet organization (its founding admin grant is expected)', async () => {
    const res = await scan(quiet.id, quiet.adminToken);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      opened: 0,
      refreshed: 0,
      by_type: { access_anomaly: 0, session_anomaly: 0, privilege_escalation: 0, dormant_account: 0 },
    });
    const list = await findings(quiet.id, quiet.adminToken);
    expect(list.body.data).toEqual([]);
    expect(list.body.meta.pagination.total).toBe(0);
  });

  it('filters by type, severity and time, sorts by severity and refuses bad filters', async () => {
    const escalations: Finding[] = (await findings(org.id, orgAdmin.token, { type: 'privilege_escalation' }))
      .body.data;
    expect(escalations.map((f) => f.rule).sort()).toEqual(['admin_grant', 'role_broadened', 'self_grant']);
    const low: Finding[] = (await findings(org.id, orgAdmin.token, { severity: 'low' })).body.data;
    expect(low.map((f) => f.subject_id)).toEqual([dormantId]);
    const future = await findings(org.id, orgAdmin.token, {
      from: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(future.body.data).toEqual([]);
    const past = await findings(org.id, orgAdmin.token, {
      from: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(past.body.meta.pagination.total).toBe(10);
    const sorted: Finding[] = (await findings(org.id, orgAdmin.token, { sort: 'severity' })).body.data;
    expect(sorted[0].severity).toBe('low');
    const paged = await findings(org.id, orgAdmin.token, { size: 4, page: 3 });
    expect(paged.body.data).toHaveLength(2);
    expect(paged.body.meta.pagination).toEqual({ page: 3, size: 4, total: 10, pages: 3 });
    for (const query of [
      { type: 'hacking' },
      { severity: 'urgent' },
      { from: 'yesterday' },
      { sort: 'evidence' },
    ]) {
      const res = await findings(org.id, orgAdmin.token, query);
      expect({ query, status: res.status, code: res.body.error?.code }).toEqual({
        query,
        status: 422,
        code: expect.stringMatching(/^VAL00[12]$/),
      });
    }
  });

  it('keeps each organization’s findings to itself: another organization is 404', async () => {
    await scan(other.id, other.adminToken);
    const mine: Finding[] = (await findings(org.id, orgAdmin.token)).body.data;
    const theirs: Finding[] = (await findings(other.id, other.adminToken)).body.data;
    expect(theirs.map((f) => f.rule)).toEqual(['self_grant']);
    expect(mine.map((f) => f.id)).not.toContain(theirs[0].id);
    for (const res of [await findings(other.id, orgAdmin.token), await scan(other.id, orgAdmin.token)]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject(NOT_FOUND);
    }
    const [{ n }] = await t.ownerQuery<{ n: number }>(
      `select count(*)::int as n from security_findings where organization_id = $1`,
      [other.id],
    );
    expect(n).toBe(1);
  });

  it.each([
    ['GET findings', 'read Security'],
    ['POST scans', 'scan Security'],
  ])('authorizes %s: admin yes, member 403, non-member 404, no token 401', async (name) => {
    const call = (token?: string) => (name.startsWith('GET') ? findings(org.id, token) : scan(org.id, token));
    expect((await call(orgAdmin.token)).status).toBe(200);
    const refused = await call(member.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AUTH004');
    const stranger = await call(outsider.token);
    expect(stranger.status).toBe(404);
    expect(stranger.body.error).toMatchObject(NOT_FOUND);
    const anonymous = await call();
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('AUTH003');
  });

  it('runs the daily scan over every organization, recording new findings in each trail', async () => {
    const fresh = await s.createOrganization();
    const freshRole = await t.http.post(
      `/api/v1/organizations/${fresh.id}/roles`,
      { code: 'y', name: 'Y', permissions: ['task:read'] },
      { token: fresh.adminToken },
    );
    await t.http.post(
      `/api/v1/organizations/${fresh.id}/users/${founderId}/roles`,
      { role_id: freshRole.body.data.id },
      { token: fresh.adminToken },
    );
    const summaries = await t.app.get(ScanAllOrganizationsUseCase).execute();
    const of = (id: string) => summaries.find((x) => x.organizationId === id);
    expect(of(fresh.id)).toMatchObject({ opened: 1, byType: { privilege_escalation: 1 } });
    expect(of(org.id)).toMatchObject({ opened: 0, refreshed: 10 });
    expect(of(quiet.id)).toMatchObject({ opened: 0, refreshed: 0 });
    const rows = await t.ownerQuery<{ organization_id: string; actor_type: string; details: object }>(
      `select organization_id, actor_type, details from audit_log where action = 'security.scan' and actor_type = 'system'`,
    );
    expect(rows).toEqual([
      { organization_id: fresh.id, actor_type: 'system', details: expect.objectContaining({ opened: 1 }) },
    ]);
  });
});
