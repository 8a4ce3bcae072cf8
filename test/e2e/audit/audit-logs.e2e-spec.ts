import { randomUUID } from 'node:crypto';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  Scenario,
  startTestApp,
  TestApp,
  TestMember,
  TestOrganization,
} from '@erp/test-support';

const NOT_FOUND = { code: 'BIZ002' };

/** The audit-log query and verify endpoints, and the authentication events in the platform trail. */
describe('audit logs API', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let other: TestOrganization;
  let member: TestMember;
  let taskId: string;

  const logs = (organizationId: string, token?: string, query: Record<string, string | number> = {}) =>
    t.http.get(`/api/v1/organizations/${organizationId}/audit-logs`, { token, query });
  const verify = (organizationId: string, token?: string) =>
    t.http.get(`/api/v1/organizations/${organizationId}/audit-logs/verify`, { token });

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
    s = new Scenario(t);
    org = await s.createOrganization();
    other = await s.createOrganization();
    member = await s.addMember(org.id, { roles: ['member'] });
    const task = await t.http.post(
      `/api/v1/organizations/${org.id}/tasks`,
      { title: 'Audit me' },
      { token: member.token },
    );
    taskId = task.body.data.id;
    await t.http.patch(
      `/api/v1/organizations/${org.id}/tasks/${taskId}`,
      { status: 'done' },
      { token: member.token },
    );
    await t.http.delete(`/api/v1/organizations/${org.id}/tasks/${taskId}`, { token: member.token }); // 403
  });
  afterAll(() => t.close());

  it('lists the organization’s rows, newest first, with before/after of a change', async () => {
    const res = await logs(org.id, org.adminToken, { target_id: taskId });
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { action: string; outcome: string }) => `${r.action}:${r.outcome}`)).toEqual(
      ['task.delete:denied', 'task.update:success', 'task.create:success'],
    );
    const [denied, update] = res.body.data;
    expect(denied).toMatchObject({ error_code: 'AUTH004', actor_id: member.userId, organization_id: org.id });
    expect(update).toMatchObject({
      actor_type: 'user',
      actor_id: member.userId,
      target_type: 'Task',
      changes: { before: { status: 'todo' }, after: { status: 'done' } },
      request_id: expect.any(String),
      ip: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(res.body.meta.pagination).toEqual({ page: 1, size: 20, total: 3, pages: 1 });
  });

  it('filters by actor, action, target type, outcome and time, and pages', async () => {
    const byActor = await logs(org.id, org.adminToken, { actor_id: member.userId, outcome: 'success' });
    expect(byActor.body.data.length).toBeGreaterThanOrEqual(2);
    expect(byActor.body.data.every((r: { actor_id: string }) => r.actor_id === member.userId)).toBe(true);
    const byAction = await logs(org.id, org.adminToken, { action: 'member.add', target_type: 'User' });
    expect(byAction.body.data).toEqual([
      expect.objectContaining({ action: 'member.add', target_id: member.userId }),
    ]);
    const future = await logs(org.id, org.adminToken, { from: new Date(Date.now() + 60_000).toISOString() });
    expect(future.body.data).toEqual([]);
    const past = await logs(org.id, org.adminToken, { to: new Date(Date.now() - 3_600_000).toISOString() });
    expect(past.body.meta.pagination.total).toBe(0);
    const page = await logs(org.id, org.adminToken, { size: 2, page: 2, sort: 'sequence' });
    expect(page.body.data.map((r: { sequence: number }) => r.sequence)).toEqual([3, 4]);
    const bad = await logs(org.id, org.adminToken, { outcome: 'maybe', from: 'yesterday' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toMatch(/^VAL00/);
  });

  it('never shows another organization’s rows: 404 for a non-member, its own rows only otherwise', async () => {
    const res = await logs(org.id, (await s.addMember(other.id, { roles: ['admin'] })).token);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject(NOT_FOUND);
    const own = await logs(other.id, other.adminToken, { size: 100 });
    expect(own.body.data.every((r: { organization_id: string }) => r.organization_id === other.id)).toBe(
      true,
    );
  });

  it.each([
    ['admin', 200],
    ['member (no audit:read)', 403],
    ['non-member', 404],
    ['no token', 401],
  ] as const)('answers %s with %i on both routes', async (who, status) => {
    const token =
      who === 'admin'
        ? org.adminToken
        : who === 'member (no audit:read)'
          ? member.token
          : who === 'non-member'
            ? (await s.addMember(other.id, { roles: ['admin'] })).token
            : undefined;
    for (const res of [await logs(org.id, token), await verify(org.id, token)]) {
      expect(res.status).toBe(status);
      if (status !== 200)
        expect(res.body.error.code).toBe({ 403: 'AUTH004', 404: 'BIZ002', 401: 'AUTH003' }[status]);
    }
  });

  it('verifies the chain, and names the first row altered directly in the database', async () => {
    const fresh = await s.createOrganization();
    await t.http.post(
      `/api/v1/organizations/${fresh.id}/projects`,
      { name: 'P', code: 'P1' },
      { token: fresh.adminToken },
    );
    await t.http.post(`/api/v1/organizations/${fresh.id}/tasks`, { title: 'T' }, { token: fresh.adminToken });
    const ok = await verify(fresh.id, fresh.adminToken);
    expect(ok.status).toBe(200);
    // organization.create (the first row of its chain), project.create, task.create
    expect(ok.body.data).toEqual({ valid: true, checked: 3, first_invalid_id: null, reason: null });
    const [row] = await t.ownerQuery<{ id: string }>(
      `select id from audit_log where organization_id = $1 and action = 'project.create'`,
      [fresh.id],
    );
    await t.ownerQuery(`alter table audit_log disable trigger audit_log_append_only`);
    await t.ownerQuery(`update audit_log set target_id = $1 where id = $2`, [randomUUID(), row.id]);
    await t.ownerQuery(`alter table audit_log enable trigger audit_log_append_only`);
    expect((await verify(fresh.id, fresh.adminToken)).body.data).toEqual({
      valid: false,
      checked: 2,
      first_invalid_id: row.id,
      reason: 'altered',
    });
  });

  describe('authentication events (platform trail)', () => {
    const platformRows = (action: string, requestId: string) =>
      t.ownerQuery<Record<string, unknown>>(
        `select organization_id, actor_type, actor_id, outcome, error_code, details,
                personal #>> '{actor_display,v}' as display
           from audit_log where action = $1 and request_id = $2`,
        [action, requestId],
      );
    const post = (url: string, body: unknown, requestId: string) =>
      t.http.post(url, body, { headers: { 'x-request-id': requestId } });

    it('records sign-ins that work and fail, and the lockout', async () => {
      const victim = await s.addMember(org.id);
      await post(
        '/api/v1/auth/token/obtain',
        { username: 'nobody@test.local', password: 'wrong-password' },
        'login-unknown',
      );
      expect(await platformRows('auth.login', 'login-unknown')).toEqual([
        expect.objectContaining({
          organization_id: null,
          actor_type: 'anonymous',
          outcome: 'failed',
          error_code: 'AUTH001',
          display: 'nobody@test.local',
          details: { reason: 'unknown_user' },
        }),
      ]);
      for (let i = 1; i <= 3; i += 1)
        await post(
          '/api/v1/auth/token/obtain',
          { username: victim.email, password: 'wrong-password' },
          `login-bad-${i}`,
        );
      expect(await platformRows('auth.login', 'login-bad-1')).toEqual([
        expect.objectContaining({
          actor_id: victim.userId,
          outcome: 'failed',
          details: { reason: 'bad_password' },
        }),
      ]);
      expect(await platformRows('auth.lockout', 'login-bad-3')).toEqual([
        expect.objectContaining({ actor_id: victim.userId, outcome: 'success' }),
      ]);
      const res = await post(
        '/api/v1/auth/token/obtain',
        { username: ADMIN_EMAIL, password: ADMIN_PASSWORD },
        'login-ok',
      );
      expect(res.status).toBe(200);
      expect(await platformRows('auth.login', 'login-ok')).toEqual([
        expect.objectContaining({ actor_type: 'user', outcome: 'success', error_code: null }),
      ]);
    });

    it('records refresh, refresh-token reuse and logout', async () => {
      const login = await t.http.post('/api/v1/auth/token/obtain', {
        username: member.email,
        password: member.password,
      });
      const first = login.body.data.refresh_token;
      const rotated = await post('/api/v1/auth/token/refresh', { refresh_token: first }, 'refresh-ok');
      expect(rotated.status).toBe(200);
      expect(await platformRows('auth.refresh', 'refresh-ok')).toEqual([
        expect.objectContaining({ actor_id: member.userId, outcome: 'success' }),
      ]);
      const reused = await post('/api/v1/auth/token/refresh', { refresh_token: first }, 'refresh-reuse');
      expect(reused.body.error.code).toBe('AUTH003');
      expect(await platformRows('auth.refresh_reuse', 'refresh-reuse')).toEqual([
        expect.objectContaining({
          outcome: 'denied',
          error_code: 'AUTH003',
          details: { family_id: expect.any(String) },
        }),
      ]);
      const again = await t.http.post('/api/v1/auth/token/obtain', {
        username: member.email,
        password: member.password,
      });
      await post('/api/v1/auth/logout', { refresh_token: again.body.data.refresh_token }, 'logout');
      expect(await platformRows('auth.logout', 'logout')).toEqual([
        expect.objectContaining({ actor_id: member.userId, outcome: 'success' }),
      ]);
      // Exactly one row per request: the explicit event stands for the request.
      const [{ n }] = await t.ownerQuery<{ n: number }>(
        `select count(*)::int as n from audit_log where request_id in ('refresh-ok', 'refresh-reuse', 'logout')`,
      );
      expect(n).toBe(3);
    });
  });
});
