import { PrivacyWorld, privacyWorld, SSO_USER } from './privacy-world';

jest.setTimeout(60_000);

/** Data rights (issue 3, point 7; contract §12): erasure. */
describe('data rights: erasure', () => {
  let w: PrivacyWorld;
  beforeAll(async () => {
    w = await privacyWorld();
  });
  afterAll(() => w?.close());

  it('refuses to let a platform administrator erase themself (409 BIZ003)', async () => {
    const [{ id }] = await w.t.ownerQuery<{ id: string }>(`select id from users where is_platform_admin`);
    const res = await w.erase(id, w.admin);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'BIZ003' });
  });

  it('erases a user: anonymized, signed out everywhere, work kept, every chain still verifies', async () => {
    // Warm the caches with the access token the erasure must kill.
    expect((await w.t.http.get('/api/v1/auth/me', { token: w.alice.token })).status).toBe(200);
    const res = await w.erase(w.alice.userId, w.admin);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ user_id: w.alice.userId, organizations: 2 });
    expect(res.body.data.audit_rows_pseudonymized).toBeGreaterThan(0);

    const refresh = await w.t.http.post('/api/v1/auth/token/refresh', { refresh_token: w.alice.refresh });
    expect([refresh.status, refresh.body.error.code]).toEqual([401, 'AUTH003']);
    const key = await w.t.http.get(`/api/v1/organizations/${w.orgA.id}/tasks`, {
      headers: { 'x-api-key': w.alice.key },
    });
    expect([key.status, key.body.error.code]).toEqual([401, 'AUTH003']);
    // Her unexpired access token dies with the account, inside and outside organizations.
    for (const url of ['/api/v1/auth/me', `/api/v1/organizations/${w.orgA.id}/tasks`]) {
      const stale = await w.t.http.get(url, { token: w.alice.token });
      expect([url, stale.status, stale.body.error.code]).toEqual([url, 401, 'AUTH003']);
    }

    const [user] = await w.t.ownerQuery(
      `select email, full_name, password_hash, is_active, erased_at is not null as erased from users where id = $1`,
      [w.alice.userId],
    );
    expect(user).toEqual({
      email: `erased-${w.alice.userId}@erased.invalid`,
      full_name: 'Erased user',
      password_hash: null,
      is_active: false,
      erased: true,
    });
    const [left] = await w.t.ownerQuery<{
      memberships: number;
      grants: number;
      keys: number;
      tokens: number;
    }>(
      `select (select count(*)::int from memberships where user_id = $1 and is_active) as memberships,
              (select count(*)::int from role_grants where user_id = $1) as grants,
              (select count(*)::int from api_keys where user_id = $1 and revoked_at is null) as keys,
              (select count(*)::int from refresh_tokens where user_id = $1 and revoked_at is null) as tokens`,
      [w.alice.userId],
    );
    expect(left).toEqual({ memberships: 0, grants: 0, keys: 0, tokens: 0 });

    // The work stays, pointing at the anonymous id.
    const task = await w.t.http.get(`/api/v1/organizations/${w.orgA.id}/tasks/${w.alice.task}`, {
      token: w.admin,
    });
    expect(task.body.data).toMatchObject({ title: 'Alice writes the report', created_by: w.alice.userId });

    // No personal value of alice is left in the trail; every chain still verifies.
    const [trail] = await w.t.ownerQuery<{ personal: number; email: number }>(
      `select count(*) filter (where actor_id = $1 and personal ?| array['ip', 'user_agent'])::int as personal,
              count(*) filter (where personal::text ilike '%' || $2 || '%')::int as email
         from audit_log`,
      [w.alice.userId, w.alice.email],
    );
    expect(trail).toEqual({ personal: 0, email: 0 });
    for (const org of [w.orgA, w.orgB]) {
      const verify = await w.t.http.get(`/api/v1/organizations/${org.id}/audit-logs/verify`, {
        token: w.admin,
      });
      expect(verify.body.data).toMatchObject({ valid: true });
    }
    // (A sign-in attempt made from now on records the username typed, as for anyone.)
    const login = await w.t.http.post('/api/v1/auth/token/obtain', {
      username: w.alice.email,
      password: w.alice.password,
    });
    expect([login.status, login.body.error.code]).toEqual([401, 'AUTH001']);
    const [row] = await w.t.ownerQuery(
      `select organization_id, actor_type, target_type, target_id, outcome from audit_log
        where action = 'privacy.erase' and outcome = 'success'`,
    );
    expect(row).toEqual({
      organization_id: null,
      actor_type: 'user',
      target_type: 'User',
      target_id: w.alice.userId,
      outcome: 'success',
    });
  });

  it('erasing again is harmless and keeps the first erasure date', async () => {
    const [{ erased_at }] = await w.t.ownerQuery<{ erased_at: Date }>(
      `select erased_at from users where id = $1`,
      [w.alice.userId],
    );
    const res = await w.erase(w.alice.userId, w.admin);
    expect(res.status).toBe(200);
    expect(res.body.data.erased_at).toBe(erased_at.toISOString());
  });

  it('re-provisions an erased SSO user as a new, unrelated account (the cached principal dies at once)', async () => {
    const token = await w.kc.accessToken('sam');
    const first = await w.t.http.get('/api/v1/auth/me', { token });
    expect(first.status).toBe(200);
    const oldId = first.body.data.id as string;
    expect((await w.erase(oldId, w.admin)).status).toBe(200);
    expect(await w.t.ownerQuery(`select 1 from user_identities where user_id = $1`, [oldId])).toEqual([]);

    const again = await w.t.http.get('/api/v1/auth/me', { token });
    expect(again.status).toBe(200);
    expect(again.body.data.id).not.toBe(oldId);
    expect(again.body.data.email).toBe(SSO_USER.email);
    const mine = await w.t.http.get('/api/v1/me/data-export', { token });
    expect(mine.body.data.sso_links).toEqual([expect.objectContaining({ subject: SSO_USER.id })]);
    expect(JSON.stringify(mine.body)).not.toContain(oldId);
  });

  it('never erases the last platform administrator: two erasing each other at once, one is refused', async () => {
    const carol = await w.s.addMember(w.orgA.id);
    await w.t.ownerQuery(`update users set is_platform_admin = true where id = $1`, [carol.userId]);
    const carolAdmin = await w.s.login(carol.email, carol.password);
    const [{ id: adminId }] = await w.t.ownerQuery<{ id: string }>(
      `select id from users where is_platform_admin and id <> $1`,
      [carol.userId],
    );
    const answers = await Promise.all([w.erase(carol.userId, w.admin), w.erase(adminId, carolAdmin)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 403]);
    expect(answers.find((r) => r.status === 403)?.body.error.code).toBe('AUTH004');
    const [{ n }] = await w.t.ownerQuery<{ n: number }>(
      `select count(*)::int as n from users where is_platform_admin and is_active`,
    );
    expect(n).toBe(1);
  });
});
