import { randomUUID } from 'node:crypto';
import { Scenario } from './scenario';
import type { TestApp } from './app';
import type { TestMember, TestOrganization } from './scenario';

/**
 * An organization for ABAC tests: departments d1 and d2, a `member` of d1, a `lead` (level
 * manager) of d2, an admin, and one task in d1, one (done) in d2 and one in no department.
 */
export class AbacFixture {
  org!: TestOrganization;
  other!: TestOrganization;
  base!: string;
  admin!: TestMember;
  d1!: string;
  d2!: string;
  member!: TestMember;
  manager!: TestMember;
  readonly tasks: Record<string, string> = {};
  readonly s: Scenario;

  constructor(private readonly t: TestApp) {
    this.s = new Scenario(t);
  }

  static readonly DEPARTMENT_RULE = "user.department == resource.department or user.role_level >= 'manager'";

  policyBody(overrides: Record<string, unknown> = {}) {
    return {
      name: `policy-${randomUUID()}`,
      permission: 'task:read',
      effect: 'allow',
      condition: AbacFixture.DEPARTMENT_RULE,
      ...overrides,
    };
  }

  async createPolicy(overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await this.t.http.post(`${this.base}/policies`, this.policyBody(overrides), {
      token: this.admin.token,
    });
    if (res.status !== 201) throw new Error(`create policy: ${res.status} ${res.text}`);
    return res.body.data.id as string;
  }

  async deletePolicy(id: string): Promise<void> {
    await this.t.http.delete(`${this.base}/policies/${id}`, { token: this.admin.token });
  }

  async taskIds(token: string): Promise<string[]> {
    const res = await this.t.http.get(`${this.base}/tasks`, { token, query: { size: 100 } });
    return (res.body.data as { id: string }[]).map((x) => x.id).sort();
  }

  async setUp(): Promise<this> {
    const { t, s } = this;
    this.org = await s.createOrganization();
    this.other = await s.createOrganization();
    this.base = `/api/v1/organizations/${this.org.id}`;
    this.admin = await s.addMember(this.org.id, { roles: ['admin'] });
    this.d1 = await s.createDepartment(this.org.id);
    this.d2 = await s.createDepartment(this.org.id);
    this.member = await s.addMember(this.org.id, { roles: ['member'], departmentId: this.d1 });
    const role = await t.http.post(
      `${this.base}/roles`,
      { code: 'lead', name: 'Lead', permissions: ['task:read', 'task:update'], level: 'manager' },
      { token: this.admin.token },
    );
    if (role.body.data?.level !== 'manager') throw new Error(`create role: ${role.text}`);
    this.manager = await s.addMember(this.org.id, { roles: ['lead'], departmentId: this.d2 });
    const create = async (body: Record<string, unknown>) =>
      (await t.http.post(`${this.base}/tasks`, body, { token: this.admin.token })).body.data.id as string;
    this.tasks.d1 = await create({ title: 'In d1', department_id: this.d1 });
    this.tasks.d2 = await create({ title: 'In d2', department_id: this.d2, status: 'done' });
    this.tasks.none = await create({ title: 'Nowhere' });
    return this;
  }
}
