import { Scenario, startTestApp, TestApp } from '@erp/test-support';

/** Two moves that are each fine alone but close a loop together: only one may win. */
describe('concurrent tree changes', () => {
  let t: TestApp;
  let s: Scenario;
  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
  });
  afterAll(() => t.close());

  it('never lets two concurrent department moves form a cycle', async () => {
    const org = await s.createOrganization();
    const token = await s.admin();
    for (let round = 0; round < 5; round += 1) {
      const a = await s.createDepartment(org.id);
      const b = await s.createDepartment(org.id);
      const [first, second] = await Promise.all([
        t.http.patch(`/api/v1/organizations/${org.id}/departments/${a}`, { parent_id: b }, { token }),
        t.http.patch(`/api/v1/organizations/${org.id}/departments/${b}`, { parent_id: a }, { token }),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const rows = await t.ownerQuery<{ id: string; parent_id: string | null }>(
        'select id, parent_id from departments where id = any($1::uuid[])',
        [[a, b]],
      );
      expect(rows.filter((r) => r.parent_id !== null)).toHaveLength(1);
    }
  });

  it('never lets two concurrent role re-parentings form a cycle', async () => {
    const org = await s.createOrganization();
    const token = await s.admin();
    const create = async (code: string) =>
      (
        await t.http.post(
          `/api/v1/organizations/${org.id}/roles`,
          { code, name: code, permissions: ['task:read'] },
          { token },
        )
      ).body.data.id as string;
    for (let round = 0; round < 5; round += 1) {
      const a = await create(`a${round}`);
      const b = await create(`b${round}`);
      const [first, second] = await Promise.all([
        t.http.patch(`/api/v1/organizations/${org.id}/roles/${a}`, { parent_id: b }, { token }),
        t.http.patch(`/api/v1/organizations/${org.id}/roles/${b}`, { parent_id: a }, { token }),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
    }
  });
});
