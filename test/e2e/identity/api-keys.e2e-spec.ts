import { createHash } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

const KEY_FORMAT = /^erpk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/;
const INVALID = { code: 'AUTH003', message: 'The credentials are missing or invalid', details: {} };

describe('API keys: lifecycle, storage and how a key is presented', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let owner: TestMember;

  const create = (token: string, body: object) => t.http.post('/api/v1/me/api-keys', body, { token });
  const newKey = async (body: object = {}, token = owner.token) => {
    const res = await create(token, { name: 'integration', organization_id: org.id, ...body });
    if (res.status !== 201) throw new Error(`create key failed: ${res.status} ${res.text}`);
    return { id: res.body.data.id as string, key: res.body.data.key as string };
  };
  const withKey = (key: string, headers: Record<string, string> = {}) => ({
    headers: { 'x-api-key': key, ...headers },
  });
  const tasksOf = (key: string) => t.http.get(`/api/v1/organizations/${org.id}/tasks`, withKey(key));
  const expectInvalid = (
    res: { status: number; body: any; headers: Record<string, unknown> },
    details = {},
  ) => {
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ ...INVALID, details, trace_id: res.body.meta.request_id });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  };

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    org = await s.createOrganization();
    owner = await s.addMember(org.id, { roles: ['admin'] });
  });
  afterAll(() => t.close());

  it('shows the key once, works with it, lists it without the key, and refuses it once revoked', async () => {
    const created = await create(owner.token, {
      name: 'Nightly export',
      organization_id: org.id,
      scopes: ['task:read', 'task:create'],
    });
    expect(created.status).toBe(201);
    const { key, id, ...rest } = created.body.data;
    expect(key).toMatch(KEY_FORMAT);
    expect(created.headers.location).toBe(`/api/v1/me/api-keys/${id}`);
    expect(rest).toEqual({
      name: 'Nightly export',
      organization_id: org.id,
      prefix: key.slice(0, 21),
      scopes: ['task:create', 'task:read'],
      status: 'active',
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
      created_at: expect.any(String),
    });

    const used = await tasksOf(key);
    expect(used.status).toBe(200);
    const made = await t.http.post(
      `/api/v1/organizations/${org.id}/tasks`,
      { title: 'By key' },
      withKey(key),
    );
    expect(made.status).toBe(201);
    expect(made.body.data.created_by).toBe(owner.userId);

    const list = await t.http.get('/api/v1/me/api-keys', { token: owner.token });
    expect(list.status).toBe(200);
    expect(list.body.data.map((k: { id: string }) => k.id)).toEqual([id]);
    expect(list.body.data[0]).not.toHaveProperty('key');
    expect(list.text).not.toContain(key.slice(22));
    expect(list.text).not.toContain(createHash('sha256').update(key).digest('hex'));
    const one = await t.http.get(`/api/v1/me/api-keys/${id}`, { token: owner.token });
    expect(one.body.data).toEqual(list.body.data[0]);
    expect(one.text).not.toContain(key.slice(22));

    const revoked = await t.http.delete(`/api/v1/me/api-keys/${id}`, { token: owner.token });
    expect(revoked.status).toBe(204);
    expectInvalid(await tasksOf(key));
    const after = await t.http.get(`/api/v1/me/api-keys/${id}`, { token: owner.token });
    expect(after.body.data).toMatchObject({ status: 'revoked', revoked_at: expect.any(String) });
    expect((await t.http.delete(`/api/v1/me/api-keys/${id}`, { token: owner.token })).status).toBe(204);
  });

  it('stores only a SHA-256 of the key: no column holds the key or its secret part', async () => {
    const { id, key } = await newKey();
    const [row] = await t.ownerQuery<{ text: string; secret_hash: string; lookup_id: string }>(
      'select row_to_json(k)::text as text, secret_hash, lookup_id from api_keys k where id = $1',
      [id],
    );
    expect(row.secret_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(key.startsWith(`erpk_${row.lookup_id}_`)).toBe(true);
    expect(row.text).not.toContain(key);
    expect(row.text).not.toContain(key.slice(22));
  });

  it('sets last_used_at on use, and writes it at most about once a minute', async () => {
    const { id, key } = await newKey();
    const lastUsed = async () =>
      (
        await t.ownerQuery<{ at: Date | null }>('select last_used_at as at from api_keys where id = $1', [id])
      )[0].at;
    expect(await lastUsed()).toBeNull();
    expect((await tasksOf(key)).status).toBe(200);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    expect((await tasksOf(key)).status).toBe(200);
    expect(await lastUsed()).toEqual(first);

    await t.ownerQuery(`update api_keys set last_used_at = now() - interval '2 minutes' where id = $1`, [id]);
    const stale = await lastUsed();
    expect((await tasksOf(key)).status).toBe(200);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(stale!.getTime());
    const listed = await t.http.get(`/api/v1/me/api-keys/${id}`, { token: owner.token });
    expect(listed.body.data.last_used_at).toEqual(expect.any(String));
  });

  it('refuses an expired key, and an expiry in the past at creation', async () => {
    const { id, key } = await newKey({ expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await tasksOf(key)).status).toBe(200);
    await t.ownerQuery(`update api_keys set expires_at = now() - interval '1 second' where id = $1`, [id]);
    expectInvalid(await tasksOf(key));
    const listed = await t.http.get(`/api/v1/me/api-keys/${id}`, { token: owner.token });
    expect(listed.body.data.status).toBe('expired');

    const before = await t.ownerQuery('select count(*)::int as n from api_keys');
    const past = await create(owner.token, {
      name: 'late',
      organization_id: org.id,
      expires_at: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(422);
    expect(past.body.error).toMatchObject({ code: 'VAL003', field_errors: [{ field: 'expires_at' }] });
    const noZone = await create(owner.token, {
      name: 'zone',
      organization_id: org.id,
      expires_at: '2099-01-01T00:00:00',
    });
    expect(noZone.body.error).toMatchObject({ code: 'VAL002', field_errors: [{ field: 'expires_at' }] });
    expect(await t.ownerQuery('select count(*)::int as n from api_keys')).toEqual(before);
  });

  it('refuses unknown, malformed and tampered keys', async () => {
    const { key } = await newKey();
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    const unknown = `erpk_0123456789abcdef_${'x'.repeat(43)}`;
    for (const presented of [tampered, unknown, 'erpk_short', 'not-a-key', `${key} `])
      expectInvalid(await tasksOf(presented));
    expect((await tasksOf(key)).status).toBe(200);
  });

  it('refuses a key in the query string, whatever the parameter, even on public routes and with a valid header', async () => {
    const { key } = await newKey();
    const reason = { reason: expect.stringMatching(/X-API-Key header/) };
    const url = `/api/v1/organizations/${org.id}/tasks`;
    for (const name of ['api_key', 'apikey', 'API_KEY', 'ApiKey', 'x-api-key', 'X_API_KEY', 'key', 'Key'])
      expectInvalid(await t.http.get(url, { query: { [name]: key } }), reason);
    expectInvalid(await t.http.get(url, { query: { q: key } }), reason);
    expectInvalid(await t.http.get(url, { ...withKey(key), query: { api_key: key } }), reason);
    expectInvalid(await t.http.get('/health/live', { query: { api_key: key } }), reason);
    expectInvalid(
      await t.http.post(
        '/api/v1/auth/token/obtain',
        { username: owner.email, password: owner.password },
        {
          query: { apiKey: key },
        },
      ),
      reason,
    );
  });

  it('refuses a bearer token and a key together as ambiguous', async () => {
    const { key } = await newKey();
    const res = await t.http.get(`/api/v1/organizations/${org.id}/tasks`, {
      token: owner.token,
      ...withKey(key),
    });
    expectInvalid(res, { reason: expect.stringMatching(/not both/) });
  });

  it("revokes only the owner's own keys: someone else's key id is not found", async () => {
    const { id, key } = await newKey();
    const other = await s.addMember(org.id, { roles: ['admin'] });
    const missing = { code: 'BIZ002', message: 'ApiKey not found' };
    const del = await t.http.delete(`/api/v1/me/api-keys/${id}`, { token: other.token });
    expect({ status: del.status, ...del.body.error }).toMatchObject({ status: 404, ...missing });
    const get = await t.http.get(`/api/v1/me/api-keys/${id}`, { token: other.token });
    expect({ status: get.status, ...get.body.error }).toMatchObject({ status: 404, ...missing });
    const admin = await t.http.delete(`/api/v1/me/api-keys/${id}`, { token: await s.admin() });
    expect(admin.status).toBe(404);
    expect((await t.http.get('/api/v1/me/api-keys', { token: other.token })).body.data).toEqual([]);
    expect((await tasksOf(key)).status).toBe(200);
  });
});
