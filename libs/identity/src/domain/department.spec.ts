import { Department, DepartmentUsage } from './department';
import { closesLoop } from './tree';

describe('department tree', () => {
  // root ─ eng ─ qa
  const root = Object.assign(Department.create('o1', { name: 'Root', code: 'root' }), { id: 'root' });
  const eng = Object.assign(Department.create('o1', { name: 'Eng', code: 'eng', parentId: 'root' }), {
    id: 'eng',
  });

  it('moves under another department given the new parent’s ancestry', () => {
    const qa = Object.assign(Department.create('o1', { name: ' QA ', code: ' qa ', parentId: 'eng' }), {
      id: 'qa',
    });
    expect(qa).toMatchObject({ name: 'QA', code: 'qa', departmentId: 'qa' });
    qa.moveUnder('root', ['root']);
    expect(qa.parentId).toBe('root');
    qa.moveUnder(null, []);
    expect(qa.parentId).toBeNull();
  });

  it('refuses to move a department under itself or one of its sub-departments (BIZ003)', () => {
    expect(() => eng.moveUnder('eng', ['eng', 'root'])).toThrow(expect.objectContaining({ code: 'BIZ003' }));
    // qa's ancestry is qa → eng → root: eng would end up under its own child.
    expect(() => eng.moveUnder('qa', ['qa', 'eng', 'root'])).toThrow(
      expect.objectContaining({ code: 'BIZ003' }),
    );
    expect(() => root.moveUnder('qa', ['qa', 'eng', 'root'])).toThrow(
      expect.objectContaining({ code: 'BIZ003' }),
    );
    expect(eng.parentId).toBe('root');
  });

  it('can be deleted only when nothing refers to it', () => {
    const unused: DepartmentUsage = { subDepartments: 0, members: 0, grants: 0, projects: 0, tasks: 0 };
    expect(() => eng.assertRemovable(unused)).not.toThrow();
    expect(() => eng.assertRemovable({ ...unused, subDepartments: 1 })).toThrow(
      expect.objectContaining({
        code: 'BIZ003',
        params: expect.objectContaining({ reason: 'it has sub-departments' }),
      }),
    );
    for (const use of ['members', 'grants', 'projects', 'tasks'] as const) {
      expect(() => eng.assertRemovable({ ...unused, [use]: 1 })).toThrow(
        expect.objectContaining({ code: 'BIZ003' }),
      );
    }
  });
});

describe('closesLoop', () => {
  const parents = new Map<string, string | null>([
    ['a', null],
    ['b', 'a'],
    ['c', 'b'],
  ]);
  const parentOf = (id: string) => parents.get(id);

  it('detects a new parent that is the node itself or below it', () => {
    expect(closesLoop('a', 'a', parentOf)).toBe(true);
    expect(closesLoop('a', 'c', parentOf)).toBe(true);
    expect(closesLoop('c', 'a', parentOf)).toBe(false);
    expect(closesLoop('c', 'nowhere', parentOf)).toBe(false);
  });
});
