import { Project } from './project';

const ORG = 'org-1';
const make = (input: Partial<Parameters<typeof Project.create>[1]> = {}) =>
  Project.create(ORG, { name: 'Retrofit', code: 'RETRO', ...input }, 'user-1');

describe('Project', () => {
  it('starts planned, with no department, description or dates, and remembers its creator', () => {
    const p = make({ name: '  Retrofit  ' });
    expect(p).toMatchObject({
      organizationId: ORG,
      name: 'Retrofit',
      code: 'RETRO',
      status: 'planned',
      description: null,
      departmentId: null,
      startsOn: null,
      endsOn: null,
      createdBy: 'user-1',
    });
    expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Project.modelName).toBe('Project');
  });

  it('never ends before it starts (VAL003 on ends_on), a same-day project is fine', () => {
    expect(() => make({ startsOn: '2026-03-01', endsOn: '2026-02-28' })).toThrow(
      expect.objectContaining({ code: 'VAL003', field: 'ends_on', invalidValue: '2026-02-28' }),
    );
    expect(make({ startsOn: '2026-03-01', endsOn: '2026-03-01' }).endsOn).toBe('2026-03-01');
    expect(make({ endsOn: '2026-03-01' }).startsOn).toBeNull();
  });

  it('checks a new date against the date it keeps', () => {
    const p = make({ startsOn: '2026-03-01', endsOn: '2026-04-01' });
    expect(() => p.change({ startsOn: '2026-05-01' })).toThrow(expect.objectContaining({ code: 'VAL003' }));
    expect(p.startsOn).toBe('2026-03-01');
    p.change({ endsOn: null });
    p.change({ startsOn: '2026-05-01' });
    expect(p).toMatchObject({ startsOn: '2026-05-01', endsOn: null });
  });

  it('refuses days that do not exist and unknown statuses (VAL002)', () => {
    expect(() => make({ startsOn: '2025-02-29' })).toThrow(
      expect.objectContaining({ code: 'VAL002', field: 'starts_on' }),
    );
    expect(() => make().change({ status: 'archived' as never })).toThrow(
      expect.objectContaining({ code: 'VAL002', field: 'status' }),
    );
  });

  it('refuses a blank name or code (VAL001)', () => {
    expect(() => make({ name: '   ' })).toThrow(expect.objectContaining({ code: 'VAL001', field: 'name' }));
    expect(() => make().change({ code: '' })).toThrow(
      expect.objectContaining({ code: 'VAL001', field: 'code' }),
    );
  });

  it('changes only what it is given, and null clears an optional field', () => {
    const p = make({ description: 'first', departmentId: 'd1', status: 'active' });
    p.change({ name: 'Renamed', description: null });
    expect(p).toMatchObject({
      name: 'Renamed',
      code: 'RETRO',
      description: null,
      departmentId: 'd1',
      status: 'active',
    });
    p.change({ status: 'completed', departmentId: null });
    expect(p).toMatchObject({ status: 'completed', departmentId: null });
  });

  it('can be removed only when no task belongs to it (BIZ003)', () => {
    expect(() => make().assertRemovable(2)).toThrow(
      expect.objectContaining({ code: 'BIZ003', kind: 'invalid_state' }),
    );
    expect(() => make().assertRemovable(0)).not.toThrow();
  });
});
