import { randomBytes } from 'node:crypto';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './app';
import type { HttpClient } from './http';

export interface TestOrganization {
  id: string;
  code: string;
  /** Token of the platform administrator, who created it and is its `admin` member. */
  adminToken: string;
}

export interface TestMember {
  userId: string;
  email: string;
  password: string;
  token: string;
}

const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** Builds organizations, members and grants through the public API, as a client would. */
export class Scenario {
  private adminToken?: string;

  constructor(private readonly t: { http: HttpClient }) {}

  async login(email: string, password: string): Promise<string> {
    const res = await this.t.http.post('/api/v1/auth/token/obtain', { username: email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`);
    return res.body.data.access_token as string;
  }

  async admin(): Promise<string> {
    return (this.adminToken ??= await this.login(ADMIN_EMAIL, ADMIN_PASSWORD));
  }

  async createOrganization(name = unique('Org')): Promise<TestOrganization> {
    const adminToken = await this.admin();
    const code = unique('org');
    const res = await this.t.http.post('/api/v1/organizations', { name, code }, { token: adminToken });
    if (res.status !== 201) throw new Error(`create organization failed: ${res.status} ${res.text}`);
    return { id: res.body.data.id as string, code, adminToken };
  }

  async roleId(organizationId: string, code: string): Promise<string> {
    const res = await this.t.http.get(`/api/v1/organizations/${organizationId}/roles`, {
      token: await this.admin(),
      query: { size: 100 },
    });
    const role = (res.body.data as { id: string; code: string }[]).find((r) => r.code === code);
    if (!role) throw new Error(`no role ${code} in ${organizationId}: ${res.text}`);
    return role.id;
  }

  /** Adds a member with the given role codes (none: a member without any grant). */
  async addMember(
    organizationId: string,
    options: {
      roles?: string[];
      departmentId?: string | null;
      grantDepartmentId?: string | null;
      email?: string;
    } = {},
  ): Promise<TestMember> {
    const token = await this.admin();
    const email = options.email ?? `${unique('user')}@test.local`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const res = await this.t.http.post(
      `/api/v1/organizations/${organizationId}/users`,
      {
        email,
        full_name: 'Test User',
        password,
        ...(options.departmentId ? { department_id: options.departmentId } : {}),
      },
      { token },
    );
    if (res.status !== 201) throw new Error(`add member failed: ${res.status} ${res.text}`);
    const userId = res.body.data.id as string;
    for (const code of options.roles ?? []) {
      const grant = await this.t.http.post(
        `/api/v1/organizations/${organizationId}/users/${userId}/roles`,
        {
          role_id: await this.roleId(organizationId, code),
          ...(options.grantDepartmentId ? { department_id: options.grantDepartmentId } : {}),
        },
        { token },
      );
      if (grant.status !== 201) throw new Error(`grant ${code} failed: ${grant.status} ${grant.text}`);
    }
    return { userId, email, password, token: await this.login(email, password) };
  }

  async createDepartment(organizationId: string, parentId: string | null = null): Promise<string> {
    const res = await this.t.http.post(
      `/api/v1/organizations/${organizationId}/departments`,
      { name: unique('Dept'), code: unique('dept'), ...(parentId ? { parent_id: parentId } : {}) },
      { token: await this.admin() },
    );
    if (res.status !== 201) throw new Error(`create department failed: ${res.status} ${res.text}`);
    return res.body.data.id as string;
  }
}
