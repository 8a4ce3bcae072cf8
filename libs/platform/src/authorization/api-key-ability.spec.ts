import { AbilityBuilder, createMongoAbility, subject } from '@casl/ability';
import { AppAbility, defineAbility, definePlatformAbility } from './ability';
import { apiKeyOrganization, restrictToApiKey } from './api-key-ability';
import { Actor } from './actor';

const owner = () =>
  defineAbility(
    [
      { permissions: ['task:read', 'task:create', 'project:read'], departmentIds: null },
      { permissions: ['task:delete'], departmentIds: ['d1'] },
    ],
    false,
  );
const permissionsOf = (ability: AppAbility) => new Actor('u', false, 'o', ability).permissions;

describe('restrictToApiKey', () => {
  it('keeps only the rules whose permission is a scope', () => {
    const key = restrictToApiKey(owner(), ['task:read']);
    expect(key.can('read', 'Task')).toBe(true);
    expect(key.can('create', 'Task')).toBe(false);
    expect(key.can('read', 'Project')).toBe(false);
    expect(permissionsOf(key)).toEqual(['permission:read', 'profile:read', 'task:read']);
  });

  it('never grants a scope the owner does not hold (the intersection, not the scopes)', () => {
    const key = restrictToApiKey(owner(), ['task:read', 'role:assign', 'user:delete']);
    expect(key.can('assign', 'Role')).toBe(false);
    expect(key.can('delete', 'User')).toBe(false);
    expect(restrictToApiKey(defineAbility([], false), ['task:read']).can('read', 'Task')).toBe(false);
  });

  it("keeps the owner's department narrowing on a scoped permission", () => {
    const key = restrictToApiKey(owner(), ['task:delete']);
    expect(key.can('delete', subject('Task', { departmentId: 'd1' }))).toBe(true);
    expect(key.can('delete', subject('Task', { departmentId: 'd2' }))).toBe(false);
  });

  it('acts with all of the owner’s permissions without scopes, and with none given an empty list', () => {
    const all = restrictToApiKey(owner(), null);
    expect(permissionsOf(all)).toEqual([
      'permission:read',
      'profile:read',
      'project:read',
      'task:create',
      'task:delete',
      'task:read',
    ]);
    const none = restrictToApiKey(owner(), []);
    expect(permissionsOf(none)).toEqual(['permission:read', 'profile:read']);
  });

  it('keeps denials, and drops key management and administrator rules whatever the scopes', () => {
    const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
    can('read', 'Task');
    cannot('read', 'Task', { departmentId: 'secret' });
    can('manage', 'all');
    can('manage', 'ApiKey');
    const key = restrictToApiKey(build(), null);
    expect(key.can('read', subject('Task', { departmentId: 'd1' }))).toBe(true);
    expect(key.can('read', subject('Task', { departmentId: 'secret' }))).toBe(false);
    expect(key.can('delete', 'Organization')).toBe(false);
    expect(key.can('create', 'ApiKey')).toBe(false);
    expect(restrictToApiKey(definePlatformAbility(false), null).can('create', 'ApiKey')).toBe(false);
  });

  it('handles rules with several actions or subjects: kept only when each pair is a scope', () => {
    const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
    can(['read', 'update'], 'Task');
    can('read', ['Project', 'Task']);
    expect(restrictToApiKey(build(), ['task:read']).can('update', 'Task')).toBe(false);
    const { can: can2, build: build2 } = new AbilityBuilder<AppAbility>(createMongoAbility);
    can2('read', ['Project', 'Task']);
    expect(restrictToApiKey(build2(), ['task:read', 'project:read']).can('read', 'Project')).toBe(true);
    expect(restrictToApiKey(build2(), ['task:read']).can('read', 'Project')).toBe(false);
  });
});

describe('apiKeyOrganization', () => {
  const key = { id: 'k', organizationId: 'org-a', scopes: null };

  it("is the key's own organization, also on routes without one in the path", () => {
    expect(apiKeyOrganization(key, 'org-a')).toBe('org-a');
    expect(apiKeyOrganization(key, null)).toBe('org-a');
  });

  it('answers any other organization as missing (404 BIZ002)', () => {
    expect(() => apiKeyOrganization(key, 'org-b')).toThrow(
      expect.objectContaining({ code: 'BIZ002', params: { resource: 'Organization' } }),
    );
  });
});
