import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

describe('API versions (contract §9)', () => {
  let t: TestApp;
  let org: TestOrganization;
  let member: TestMember;

  const me = (url: string, headers: Record<string, string> = {}) =>
    t.http.get(url, { token: member.token, headers });

  beforeAll(async () => {
    t = await startTestApp();
    const s = new Scenario(t);
    org = await s.createOrganization();
    member = await s.addMember(org.id, { roles: ['member'] });
  });
  afterAll(() => t.close());

  it('v1 profile answers as before, marked deprecated with its successor', async () => {
    const response = await me('/api/v1/auth/me');
    expect(response.status).toBe(200);
    expect(response.body.meta.version).toBe('v1');
    expect(response.body.data).toMatchObject({ id: member.userId, full_name: expect.any(String) });
    expect(response.body.data.is_platform_admin).toBe(false);
    expect(response.headers.deprecation).toBe('@1796083200');
    expect(response.headers.sunset).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
    expect(response.headers.link).toBe('</api/v2/auth/me>; rel="successor-version"');
  });

  it('v2 profile has its own shape and no deprecation headers', async () => {
    const response = await me('/api/v2/auth/me');
    expect(response.status).toBe(200);
    expect(response.body.meta.version).toBe('v2');
    expect(response.headers.deprecation).toBeUndefined();
    const data = response.body.data;
    expect(data).toEqual({
      id: member.userId,
      email: member.email,
      name: expect.any(String),
      platform_admin: false,
      authentication: { method: 'password' },
      memberships: [
        {
          organization: { id: org.id, name: expect.any(String), code: org.code },
          permissions: expect.arrayContaining(['task:read']),
        },
      ],
    });
    expect(data.full_name).toBeUndefined();
  });

  it('negotiates unversioned paths by X-API-Version, then Accept version=, else v1', async () => {
    const byHeader = await me('/api/auth/me', { 'x-api-version': 'v2' });
    expect(byHeader.status).toBe(200);
    expect(byHeader.body.meta.version).toBe('v2');
    expect(byHeader.body.data.memberships).toBeDefined();

    const byAccept = await me('/api/auth/me', { accept: 'application/json; version=v2' });
    expect(byAccept.body.meta.version).toBe('v2');
    expect(byAccept.body.data.platform_admin).toBe(false);

    const byDefault = await me('/api/auth/me');
    expect(byDefault.body.meta.version).toBe('v1');
    expect(byDefault.body.data.full_name).toBeDefined();
    expect(byDefault.headers.deprecation).toBeDefined();
  });

  it('lets the path win over the headers', async () => {
    const response = await me('/api/v1/auth/me', { 'x-api-version': 'v2' });
    expect(response.body.meta.version).toBe('v1');
    expect(response.body.data.full_name).toBeDefined();
  });

  it('serves unchanged resources under v2 from v1', async () => {
    const response = await me(`/api/v2/organizations/${org.id}`);
    expect(response.status).toBe(200);
    expect(response.body.meta.version).toBe('v2');
    expect(response.body.data.id).toBe(org.id);
    const missing = await me(`/api/v2/organizations/${org.id}/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('REQ002');
  });

  it.each([
    ['a path', '/api/v3/auth/me', {}, 'v3'],
    ['X-API-Version', '/api/auth/me', { 'x-api-version': 'v9' }, 'v9'],
    ['Accept', '/api/auth/me', { accept: 'application/json; version=2.0' }, '2.0'],
  ])('refuses an unsupported version named by %s with 400 VER001', async (_how, url, headers, version) => {
    const response = await me(url, headers);
    expect(response.status).toBe(400);
    expect(response.body.success).toBe(false);
    expect(response.body.error.code).toBe('VER001');
    expect(response.body.error.message).toContain(version);
    const ja = await me(url, { ...headers, 'accept-language': 'ja' });
    expect(ja.body.error.message).toContain('サポートされていません');
  });

  it('leaves paths outside the API alone', async () => {
    const health = await t.http.get('/health/live', { headers: { 'x-api-version': 'v9' } });
    expect(health.status).toBe(200);
  });

  it('documents v2 and the deprecation of v1 in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json')).body as {
      paths: Record<
        string,
        { get: { deprecated?: boolean; responses: Record<string, { headers?: object }> } }
      >;
    };
    expect(doc.paths['/api/v2/auth/me'].get.deprecated).toBeUndefined();
    const v1 = doc.paths['/api/v1/auth/me'].get;
    expect(v1.deprecated).toBe(true);
    expect(Object.keys(v1.responses['200'].headers ?? {})).toEqual(
      expect.arrayContaining(['Deprecation', 'Sunset', 'Link']),
    );
  });
});
