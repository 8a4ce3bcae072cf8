import { RecordingAuditContext } from '@erp/platform/audit/audit-context.fakes';
import { Department } from '../domain/department';
import { Membership } from '../domain/membership';
import { CreateDepartmentUseCase } from './create-department.use-case';
import { DeleteDepartmentUseCase } from './delete-department.use-case';
import {
  actorWith,
  FakeDepartments,
  FakeGrants,
  FakeMemberships,
  ORG,
  orgWide,
  uncontendedTransaction,
} from './in-memory.fakes';
import { UpdateDepartmentUseCase } from './update-department.use-case';

describe('department use cases', () => {
  let memberships: FakeMemberships;
  let departments: FakeDepartments;
  const admin = actorWith([
    orgWide('department:read', 'department:create', 'department:update', 'department:delete'),
  ]);
  const create = (input: { name: string; code: string; parentId?: string | null }, actor = admin) =>
    new CreateDepartmentUseCase(departments).execute(input, actor);

  beforeEach(() => {
    memberships = new FakeMemberships();
    departments = new FakeDepartments(memberships, new FakeGrants());
  });

  describe('create', () => {
    it('creates at the top or under a parent of the organization', async () => {
      const eng = await create({ name: 'Engineering', code: 'eng' });
      const qa = await create({ name: 'QA', code: 'qa', parentId: eng.id });
      expect(qa).toMatchObject({ organizationId: ORG, parentId: eng.id, version: 1 });
      expect(departments.rows.size).toBe(2);
    });

    it('refuses an unknown parent (VAL002 on parent_id) and a taken code (BIZ001)', async () => {
      await create({ name: 'Engineering', code: 'eng' });
      await expect(create({ name: 'X', code: 'x', parentId: 'nope' })).rejects.toMatchObject({
        code: 'VAL002',
        field: 'parent_id',
      });
      await expect(create({ name: 'Again', code: 'eng' })).rejects.toMatchObject({ code: 'BIZ001' });
      expect(departments.rows.size).toBe(1);
    });

    it('lets a department-narrowed grant create only under departments it covers', async () => {
      const eng = await create({ name: 'Engineering', code: 'eng' });
      const narrowed = actorWith([{ permissions: ['department:create'], departmentIds: [eng.id] }]);
      await expect(create({ name: 'QA', code: 'qa', parentId: eng.id }, narrowed)).resolves.toBeInstanceOf(
        Department,
      );
      await expect(create({ name: 'Top', code: 'top' }, narrowed)).rejects.toMatchObject({ code: 'AUTH004' });
    });
  });

  describe('update', () => {
    const update = (id: string, changes: object, actor = admin, precondition?: (v: number) => void) =>
      new UpdateDepartmentUseCase(departments, uncontendedTransaction, new RecordingAuditContext()).execute(
        id,
        changes,
        actor,
        precondition,
      );

    it('renames, moves, and hands the current version to the precondition', async () => {
      const eng = await create({ name: 'Engineering', code: 'eng' });
      const sales = await create({ name: 'Sales', code: 'sales' });
      const seen: number[] = [];
      const moved = await update(sales.id, { name: 'Sales EU', parentId: eng.id }, admin, (v) =>
        seen.push(v),
      );
      expect(seen).toEqual([1]);
      expect(moved).toMatchObject({ name: 'Sales EU', parentId: eng.id, version: 2 });
    });

    it('refuses a move under its own sub-department (BIZ003) and unknown parents (VAL002)', async () => {
      const eng = await create({ name: 'Engineering', code: 'eng' });
      const qa = await create({ name: 'QA', code: 'qa', parentId: eng.id });
      const lab = await create({ name: 'Lab', code: 'lab', parentId: qa.id });
      await expect(update(eng.id, { parentId: lab.id })).rejects.toMatchObject({ code: 'BIZ003' });
      await expect(update(eng.id, { parentId: eng.id })).rejects.toMatchObject({ code: 'BIZ003' });
      await expect(update(eng.id, { parentId: 'nope' })).rejects.toMatchObject({
        code: 'VAL002',
        field: 'parent_id',
      });
      await expect(update(qa.id, { code: 'lab' })).rejects.toMatchObject({ code: 'BIZ001' });
      expect(departments.rows.get(eng.id)).toMatchObject({ parentId: null, version: 1 });
    });

    it('answers 404 for a department the caller may not read, 403 for one it may read but not change', async () => {
      const eng = await create({ name: 'Engineering', code: 'eng' });
      const sales = await create({ name: 'Sales', code: 'sales' });
      const narrowed = actorWith([
        { permissions: ['department:read', 'department:update'], departmentIds: [eng.id] },
      ]);
      await expect(update(sales.id, { name: 'x' }, narrowed)).rejects.toMatchObject({ code: 'BIZ002' });
      await expect(update(eng.id, { parentId: sales.id }, narrowed)).rejects.toMatchObject({
        code: 'AUTH004',
      });
      const reader = actorWith([orgWide('department:read')]);
      await expect(update(eng.id, { name: 'x' }, reader)).rejects.toMatchObject({ code: 'AUTH004' });
      await expect(update('missing', { name: 'x' })).rejects.toMatchObject({ code: 'BIZ002' });
    });
  });

  describe('delete', () => {
    const remove = (id: string, actor = admin) =>
      new DeleteDepartmentUseCase(departments, new RecordingAuditContext()).execute(id, actor);

    it('deletes an unused department, and refuses one with sub-departments, members or work (BIZ003)', async () => {
      const eng = await create({ name: 'Engineering', code: 'eng' });
      const qa = await create({ name: 'QA', code: 'qa', parentId: eng.id });
      await expect(remove(eng.id)).rejects.toMatchObject({ code: 'BIZ003' });
      await memberships.save(Membership.create(ORG, 'u1', qa.id, new Date()));
      await expect(remove(qa.id)).rejects.toMatchObject({ code: 'BIZ003' });
      const sales = await create({ name: 'Sales', code: 'sales' });
      departments.work.set(sales.id, 3);
      await expect(remove(sales.id)).rejects.toMatchObject({ code: 'BIZ003' });
      const empty = await create({ name: 'Empty', code: 'empty' });
      await remove(empty.id);
      expect(departments.rows.has(empty.id)).toBe(false);
      await expect(remove(empty.id)).rejects.toMatchObject({ code: 'BIZ002' });
    });
  });
});
