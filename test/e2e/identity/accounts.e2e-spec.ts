import { Scenario, startTestApp, TestApp } from '@erp/test-support';

describe('accounts shared by several organizations', () => {
  let t: TestApp;
  let s: Scenario;
  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
  });
  afterAll(() => t.close());

  it("lets only the account's home organization (or the account itself) rename it", async () => {
    const home = await s.createOrganization();
    const other = await s.createOrganization();
    const member = await s.addMember(home.id, { roles: ['member'] });
    const admin = await s.admin();
    const joined = await t.http.post(
      `/api/v1/organizations/${other.id}/users`,
      { email: member.email, full_name: 'Renamed by B' },
      { token: admin },
    );
    expect(joined.status).toBe(201);

    // An administrator of another organization (a plain admin member of `other`, not the platform admin).
    const otherAdmin = await s.addMember(other.id, { roles: ['admin'] });
    const refused = await t.http.patch(
      `/api/v1/organizations/${other.id}/users/${member.userId}`,
      { full_name: 'Hijacked' },
      { token: otherAdmin.token },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('BIZ003');

    const homeAdmin = await s.addMember(home.id, { roles: ['admin'] });
    const allowed = await t.http.patch(
      `/api/v1/organizations/${home.id}/users/${member.userId}`,
      { full_name: 'Renamed at home' },
      { token: homeAdmin.token },
    );
    expect(allowed.status).toBe(200);
    const [row] = await t.ownerQuery<{ full_name: string }>('select full_name from users where id = $1', [
      member.userId,
    ]);
    expect(row.full_name).toBe('Renamed at home');
  });

  it('reports effective permissions per organization in /auth/me, inherited ones included', async () => {
    const org = await s.createOrganization();
    const admin = await s.admin();
    const memberRole = await s.roleId(org.id, 'member');
    const created = await t.http.post(
      `/api/v1/organizations/${org.id}/roles`,
      { code: 'lead', name: 'Lead', parent_id: memberRole, permissions: ['project:create'] },
      { token: admin },
    );
    expect(created.status).toBe(201);
    const lead = await s.addMember(org.id, { roles: ['lead'] });
    const me = await t.http.get('/api/v1/auth/me', { token: lead.token });
    expect(me.status).toBe(200);
    expect(me.body.data.organizations).toEqual([
      {
        id: org.id,
        name: expect.any(String),
        code: org.code,
        permissions: [
          'department:read',
          'organization:read',
          'project:create',
          'project:read',
          'role:read',
          'task:create',
          'task:read',
          'task:update',
          'user:read',
        ],
      },
    ]);
  });
});
