import { randomUUID } from 'node:crypto';
import { PrivacyWorld, privacyWorld } from './privacy-world';

jest.setTimeout(60_000);

/** Data rights (issue 3, point 7; contract §12): export. */
describe('data rights: export', () => {
  let w: PrivacyWorld;
  beforeAll(async () => {
    w = await privacyWorld();
  });
  afterAll(() => w?.close());

  it('exports everything held about the caller, and nothing of another user', async () => {
    const res = await w.t.http.get('/api/v1/me/data-export', { token: w.alice.token });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="data-export-${w.alice.userId}.json"`,
    );
    const data = res.body.data;
    expect(data).toMatchObject({
      user_id: w.alice.userId,
      account: { id: w.alice.userId, email: w.alice.email, is_active: true, has_password: true },
      idempotency_records: { count: 0 },
      sso_links: [],
    });
    expect(data.memberships.map((m: { organization: { id: string } }) => m.organization.id).sort()).toEqual(
      [w.orgA.id, w.orgB.id].sort(),
    );
    expect(data.role_grants).toEqual([
      expect.objectContaining({
        organization_id: w.orgA.id,
        role: expect.objectContaining({ code: 'admin' }),
      }),
    ]);
    expect(data.api_keys).toEqual([expect.objectContaining({ id: w.alice.keyId, status: 'active' })]);
    expect(data.sessions.length).toBeGreaterThanOrEqual(2);
    expect(data.tasks.map((task: { title: string }) => task.title).sort()).toEqual([
      'Alice writes the report',
      'Assigned to alice by bob',
    ]);
    expect(data.tasks.find((task: { id: string }) => task.id === w.alice.task)).toMatchObject({
      organization_id: w.orgA.id,
      created_by_user: true,
      assigned_to_user: false,
    });
    const actions = data.audit_trail.map((row: { action: string }) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.login', 'api_key.create', 'task.create', 'member.add']),
    );
    // Rows about alice acted by someone else carry no personal value of that someone.
    for (const row of data.audit_trail)
      if (row.actor_id !== w.alice.userId) expect(row).toMatchObject({ ip: null, user_agent: null });

    const text = JSON.stringify(res.body);
    for (const foreign of [w.bob.userId, w.bob.email, w.bob.task, 'Bob calibrates'])
      expect(text).not.toContain(foreign);
    for (const secret of [
      w.alice.key,
      w.alice.refresh,
      w.alice.password,
      w.alice.token.split('.')[2],
      '$argon2',
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/[0-9a-f]{64}/i);
    expect(text).not.toMatch(/"(password|token|key|secret|[a-z_]*_hash|[a-z_]*secret)"\s*:/i);
  });

  it('records every export in the platform trail as privacy.export', async () => {
    await w.exportOf(w.bob.userId, w.admin);
    const rows = await w.t.ownerQuery<{
      actor_id: string;
      target_id: string;
      organization_id: string | null;
    }>(
      `select actor_id, target_id, organization_id from audit_log where action = 'privacy.export' order by chain_seq`,
    );
    expect(rows).toEqual([
      { actor_id: w.alice.userId, target_id: w.alice.userId, organization_id: null },
      expect.objectContaining({ target_id: w.bob.userId, organization_id: null }),
    ]);
  });

  it('lets a platform administrator export any user, and answers 404 for an unknown one', async () => {
    const res = await w.exportOf(w.bob.userId, w.admin);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ user_id: w.bob.userId, account: { email: w.bob.email } });
    expect(res.body.data.tasks.map((task: { id: string }) => task.id)).toContain(w.bob.task);
    expect(JSON.stringify(res.body)).not.toContain(w.alice.email);
    const missing = await w.exportOf(randomUUID(), w.admin);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('BIZ002');
  });

  describe('authorization matrix', () => {
    const cases: [
      string,
      () => string | { key: string },
      'GET' | 'POST',
      () => string,
      number,
      string | null,
    ][] = [
      ['member, own export', () => w.alice.token, 'GET', () => '/api/v1/me/data-export', 200, null],
      [
        'API key, own export',
        () => ({ key: w.alice.key }),
        'GET',
        () => '/api/v1/me/data-export',
        403,
        'AUTH004',
      ],
      ['no token, own export', () => '', 'GET', () => '/api/v1/me/data-export', 401, 'AUTH003'],
      [
        'member, export of another',
        () => w.alice.token,
        'GET',
        () => `/api/v1/users/${w.bob.userId}/data-export`,
        403,
        'AUTH004',
      ],
      [
        'member, own export by id',
        () => w.alice.token,
        'GET',
        () => `/api/v1/users/${w.alice.userId}/data-export`,
        403,
        'AUTH004',
      ],
      [
        'member, erasure',
        () => w.alice.token,
        'POST',
        () => `/api/v1/users/${w.bob.userId}/erasure`,
        403,
        'AUTH004',
      ],
      [
        'API key, erasure',
        () => ({ key: w.bob.key }),
        'POST',
        () => `/api/v1/users/${w.alice.userId}/erasure`,
        403,
        'AUTH004',
      ],
      ['no token, erasure', () => '', 'POST', () => `/api/v1/users/${w.bob.userId}/erasure`, 401, 'AUTH003'],
      [
        'admin, export of another',
        () => w.admin,
        'GET',
        () => `/api/v1/users/${w.bob.userId}/data-export`,
        200,
        null,
      ],
    ];
    it.each(cases)('%s', async (_label, credentials, method, url, status, code) => {
      const given = credentials();
      const options =
        typeof given === 'string' ? (given ? { token: given } : {}) : { headers: { 'x-api-key': given.key } };
      const res = await w.t.http.request(method, url(), method === 'POST' ? {} : undefined, options);
      expect({ status: res.status, code: res.body?.error?.code ?? null }).toEqual({ status, code });
    });
  });
});
