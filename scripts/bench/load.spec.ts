import { requestSource } from './load';

describe('bench request sources', () => {
  it('walks the task ids in order, then starts over, and counts what it served', () => {
    const source = requestSource({
      kind: 'by_id',
      ids: [
        { organizationId: 'o1', id: 't1' },
        { organizationId: 'o2', id: 't2' },
      ],
    });
    expect([source.next(), source.next(), source.next()].map((r) => r.path)).toEqual([
      '/api/v1/organizations/o1/tasks/t1',
      '/api/v1/organizations/o2/tasks/t2',
      '/api/v1/organizations/o1/tasks/t1',
    ]);
    expect(source.served()).toBe(3);
  });

  it('lists with a status filter, the due date sort and 20 rows, every status over every organization', () => {
    const source = requestSource({ kind: 'list', organizationIds: ['o1', 'o2'] });
    const paths = Array.from({ length: 4 }, () => source.next().path);
    expect(paths).toEqual([
      '/api/v1/organizations/o1/tasks?status=todo&sort=-due_date&size=20',
      '/api/v1/organizations/o2/tasks?status=todo&sort=-due_date&size=20',
      '/api/v1/organizations/o1/tasks?status=in_progress&sort=-due_date&size=20',
      '/api/v1/organizations/o2/tasks?status=in_progress&sort=-due_date&size=20',
    ]);
  });

  it('creates valid task bodies marked for removal', () => {
    const { path, body } = requestSource({ kind: 'create', organizationIds: ['o1'] }).next();
    expect(path).toBe('/api/v1/organizations/o1/tasks');
    expect(JSON.parse(body ?? '')).toEqual({
      title: 'Bench insert 0',
      status: 'todo',
      priority: 'low',
      due_date: '2027-01-15',
    });
  });
});
