import { ScanAllOrganizationsUseCase } from '@erp/audit';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';
import { ATTACKER_IP, SCAN_ENV, seedAnomalies } from './security-seed';

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
  let secrets: string[];

  const base = (organizationId: string) => `/api/v1/organizations/${organizationId}/security`;
  const findings = (organizationId: string, token?: string, query: Record<string, string | number> = {}) =>
    t.http.get(`${base(organizationId)}/findings`, { token, query: { size: 100, ...query } });
  const scan = (organizationId: string, token?: string) =>
    t.http.post(`${base(organizationId)}/scans`, undefined, { token });

  beforeAll(async () => {
    t = await startTestApp(SCAN_ENV);
    s = new Scenario(t);
    ({
      org,
      quiet,
      other,
      founderId,
      orgAdmin,
      member,
      victim,
      roamer,
      traveler,
      reuser,
      outsider,
      roleId,
      dormantId,
      secrets,
    } = await seedAnomalies(t, s));
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
        evidence: expect.objectContaining({ role_id: roleId, role_code: 'ops', granted_by: founderId }),
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

  it('scans for the chosen kinds of findings only, and refuses unknown kinds', async () => {
    const res = await t.http.post(
      `${base(org.id)}/scans`,
      { types: ['dormant_account'] },
      { token: orgAdmin.token },
    );
    expect(res.body.data).toMatchObject({
      opened: 0,
      refreshed: 1,
      by_type: { access_anomaly: 0, session_anomaly: 0, privilege_escalation: 0, dormant_account: 1 },
    });
    for (const body of [
      { types: ['everything'] },
      { types: 'dormant_account' },
      { organization_id: other.id },
    ]) {
      const bad = await t.http.post(`${base(org.id)}/scans`, body, { token: orgAdmin.token });
      expect({ body, status: bad.status, code: bad.body.error?.code }).toEqual({
        body,
        status: 422,
        code: expect.stringMatching(/^VAL00\d$/),
      });
    }
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
    const bad: Record<string, string>[] = [
      { type: 'hacking' },
      { severity: 'urgent' },
      { from: 'yesterday' },
      { sort: 'evidence' },
    ];
    for (const query of bad) {
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
