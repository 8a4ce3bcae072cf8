import { subject } from '@casl/ability';
import { defineAbility, definePlatformAbility, departmentScope } from './ability';
import { Actor } from './actor';
import { parsePermission, toPermissionCode } from './permissions';

describe('permissions', () => {
  it('maps resource:action codes to CASL actions and subjects and back', () => {
    expect(parsePermission('task:read')).toEqual({ action: 'read', subject: 'Task' });
    expect(parsePermission('purchase_order:approve')).toEqual({
      action: 'approve',
      subject: 'PurchaseOrder',
    });
    expect(toPermissionCode('approve', 'PurchaseOrder')).toBe('purchase_order:approve');
    expect(toPermissionCode('read', 'Task')).toBe('task:read');
  });
});

describe('defineAbility', () => {
  it('gives organization-wide grants on every record of the subject', () => {
    const ability = defineAbility(
      [{ permissions: ['task:read', 'task:update'], departmentIds: null }],
      false,
    );
    expect(ability.can('read', 'Task')).toBe(true);
    expect(ability.can('update', subject('Task', { departmentId: 'any' }))).toBe(true);
    expect(ability.can('delete', 'Task')).toBe(false);
    expect(ability.can('read', 'Project')).toBe(false);
  });

  it('narrows a department grant to records of those departments', () => {
    const ability = defineAbility([{ permissions: ['task:read'], departmentIds: ['d1', 'd2'] }], false);
    expect(ability.can('read', 'Task')).toBe(true); // coarse: some task may be readable
    expect(ability.can('read', subject('Task', { departmentId: 'd2' }))).toBe(true);
    expect(ability.can('read', subject('Task', { departmentId: 'd3' }))).toBe(false);
    expect(ability.can('read', subject('Task', { departmentId: null }))).toBe(false);
  });

  it('ignores department narrowing for organization-wide subjects (deny by default)', () => {
    const ability = defineAbility([{ permissions: ['role:read'], departmentIds: ['d1'] }], false);
    expect(ability.can('read', 'Role')).toBe(false);
  });

  it('unions several grants', () => {
    const ability = defineAbility(
      [
        { permissions: ['task:read'], departmentIds: ['d1'] },
        { permissions: ['task:read'], departmentIds: null },
      ],
      false,
    );
    expect(ability.can('read', subject('Task', { departmentId: 'elsewhere' }))).toBe(true);
    expect(departmentScope(ability, 'read', 'Task')).toBe('all');
  });

  it('lets a platform administrator do everything', () => {
    expect(defineAbility([], true).can('delete', 'Role')).toBe(true);
    expect(definePlatformAbility(true).can('create', 'Organization')).toBe(true);
  });

  it('outside an organization, others may only read organizations, the catalogue and themselves', () => {
    const ability = definePlatformAbility(false);
    expect(ability.can('read', 'Organization')).toBe(true);
    expect(ability.can('read', 'Permission')).toBe(true);
    expect(ability.can('create', 'Organization')).toBe(false);
  });
});

describe('departmentScope', () => {
  it('collects the departments of narrowed grants, or nothing without a grant', () => {
    const ability = defineAbility(
      [
        { permissions: ['task:read'], departmentIds: ['d1'] },
        { permissions: ['task:read', 'task:update'], departmentIds: ['d2'] },
      ],
      false,
    );
    expect(departmentScope(ability, 'read', 'Task')).toEqual(['d1', 'd2']);
    expect(departmentScope(ability, 'update', 'Task')).toEqual(['d2']);
    expect(departmentScope(ability, 'delete', 'Task')).toEqual([]);
  });
});

describe('Actor', () => {
  it('lists effective permission codes and refuses with AUTH004', () => {
    const actor = new Actor(
      'u1',
      false,
      'o1',
      defineAbility([{ permissions: ['task:read', 'project:read'], departmentIds: null }], false),
    );
    expect(actor.permissions).toEqual(['project:read', 'task:read']);
    expect(() => actor.assertCan('delete', 'Task')).toThrow(expect.objectContaining({ code: 'AUTH004' }));
    expect(() => actor.assertCan('read', 'Task', { departmentId: 'x' })).not.toThrow();
  });
});
