import { RecordingAuditContext } from '@erp/platform/audit/audit-context.fakes';
import { Department } from '../domain/department';
import { Membership } from '../domain/membership';
import { RoleGrant } from '../domain/role-grant';
import { User } from '../domain/user';
import { ApiKey } from '../domain/api-key';
import { AddMemberUseCase } from './add-member.use-case';
import { FakeApiKeys } from './api-key.fakes';
import {
  actorWith,
  FakeDepartments,
  FakeGrants,
  FakeHasher,
  FakeMemberships,
  FakeUsers,
  FixedClock,
  ORG,
  orgWide,
} from './in-memory.fakes';
import { RemoveMemberUseCase } from './remove-member.use-case';
import { UpdateMemberUseCase } from './update-member.use-case';

describe('member use cases', () => {
  let users: FakeUsers;
  let memberships: FakeMemberships;
  let departments: FakeDepartments;
  let grants: FakeGrants;
  let hasher: FakeHasher;
  let sales: Department;
  const admin = actorWith([orgWide('user:read', 'user:create', 'user:update', 'user:delete')]);
  const add = (
    input: { email: string; fullName: string; password?: string; departmentId?: string | null },
    actor = admin,
  ) => new AddMemberUseCase(users, memberships, departments, hasher, new FixedClock()).execute(input, actor);

  beforeEach(async () => {
    users = new FakeUsers();
    memberships = new FakeMemberships();
    grants = new FakeGrants();
    departments = new FakeDepartments(memberships, grants);
    hasher = new FakeHasher();
    sales = Department.create(ORG, { name: 'Sales', code: 'sales' });
    await departments.save(sales);
  });

  describe('add', () => {
    it('creates the account when the email is new, with the password hashed', async () => {
      const id = await add({
        email: 'New@Test.local',
        fullName: 'New',
        password: 'long-enough-pw',
        departmentId: sales.id,
      });
      expect(users.rows.get(id)).toMatchObject({
        email: 'new@test.local',
        fullName: 'New',
        passwordHash: 'hashed:long-enough-pw',
      });
      expect(await memberships.find(ORG, id)).toMatchObject({
        isActive: true,
        departmentId: sales.id,
        joinedAt: new FixedClock().now(),
      });
    });

    it('reuses an existing account without touching it, and still hashes (same timing)', async () => {
      const existing = User.create({
        email: 'old@test.local',
        fullName: 'Old Name',
        passwordHash: 'hashed:old',
      });
      await users.save(existing);
      const id = await add({ email: 'OLD@test.local', fullName: 'Other Name', password: 'another-password' });
      expect(id).toBe(existing.id);
      expect(users.rows.get(id)).toMatchObject({
        fullName: 'Old Name',
        passwordHash: 'hashed:old',
        version: 1,
      });
      expect(hasher.hashed).toBe(1);
      expect(users.rows.size).toBe(1);
    });

    it('refuses an active member (BIZ001) and re-admits a former one on the same membership', async () => {
      const id = await add({ email: 'a@test.local', fullName: 'A' });
      await expect(add({ email: 'a@test.local', fullName: 'A' })).rejects.toMatchObject({ code: 'BIZ001' });
      const membership = (await memberships.find(ORG, id))!;
      membership.end();
      await add({ email: 'a@test.local', fullName: 'A', departmentId: sales.id });
      expect(memberships.rows.size).toBe(1);
      expect(await memberships.find(ORG, id)).toMatchObject({
        id: membership.id,
        isActive: true,
        departmentId: sales.id,
      });
    });

    it('refuses an unknown department (VAL002) and departments outside a narrowed grant (AUTH004)', async () => {
      await expect(add({ email: 'b@test.local', fullName: 'B', departmentId: 'nope' })).rejects.toMatchObject(
        { code: 'VAL002', field: 'department_id' },
      );
      const narrowed = actorWith([{ permissions: ['user:create'], departmentIds: [sales.id] }]);
      await expect(add({ email: 'c@test.local', fullName: 'C' }, narrowed)).rejects.toMatchObject({
        code: 'AUTH004',
      });
      await expect(
        add({ email: 'c@test.local', fullName: 'C', departmentId: sales.id }, narrowed),
      ).resolves.toEqual(expect.any(String));
      expect(users.rows.size).toBe(1);
    });
  });

  describe('update and remove', () => {
    let userId: string;
    beforeEach(async () => {
      userId = await add({ email: 'm@test.local', fullName: 'Member', departmentId: sales.id });
    });
    const update = (changes: object, actor = admin, precondition?: (v: number) => void) =>
      new UpdateMemberUseCase(users, memberships, departments, new RecordingAuditContext()).execute(
        userId,
        changes,
        actor,
        precondition,
      );
    let apiKeys: FakeApiKeys;
    beforeEach(() => {
      apiKeys = new FakeApiKeys();
    });
    const remove = (id = userId, actor = admin) =>
      new RemoveMemberUseCase(
        memberships,
        grants,
        apiKeys,
        new FixedClock(),
        new RecordingAuditContext(),
      ).execute(id, actor);
    const keyOf = async (organizationId: string) => {
      const key = ApiKey.create(
        {
          organizationId,
          userId,
          name: 'k',
          lookupId: organizationId,
          secretHash: 'h',
          scopes: null,
          expiresAt: null,
        },
        new Date('2025-12-01T00:00:00Z'),
      );
      await apiKeys.save(key);
      return key;
    };

    it('renames the account and moves the membership; the precondition sees both versions', async () => {
      const versions: number[] = [];
      await update({ fullName: ' Renamed ', departmentId: null }, admin, (v) => versions.push(v));
      expect(versions).toEqual([2]);
      expect(users.rows.get(userId)?.fullName).toBe('Renamed');
      expect((await memberships.find(ORG, userId))?.departmentId).toBeNull();
      await expect(update({ departmentId: 'nope' })).rejects.toMatchObject({ code: 'VAL002' });
    });

    it('hides members of other departments from a narrowed caller (404), and keeps them from moving members out (403)', async () => {
      const other = Department.create(ORG, { name: 'Other', code: 'other' });
      await departments.save(other);
      const narrowedElsewhere = actorWith([
        { permissions: ['user:read', 'user:update'], departmentIds: [other.id] },
      ]);
      await expect(update({ fullName: 'x' }, narrowedElsewhere)).rejects.toMatchObject({ code: 'BIZ002' });
      const narrowedHere = actorWith([
        { permissions: ['user:read', 'user:update'], departmentIds: [sales.id] },
      ]);
      await expect(update({ departmentId: other.id }, narrowedHere)).rejects.toMatchObject({
        code: 'AUTH004',
      });
      await expect(update({ fullName: 'Fine' }, narrowedHere)).resolves.toBeUndefined();
    });

    it('ends the membership, removes the grants and revokes the API keys in that organization only', async () => {
      const here = await keyOf(ORG);
      const elsewhere = await keyOf('org-2');
      await grants.save(RoleGrant.create(ORG, { userId, roleId: 'r1', departmentId: null, grantedBy: null }));
      await grants.save(
        RoleGrant.create('org-2', { userId, roleId: 'r2', departmentId: null, grantedBy: null }),
      );
      await remove();
      expect(await memberships.find(ORG, userId)).toMatchObject({ isActive: false, departmentId: null });
      expect([...grants.rows.values()].map((g) => g.organizationId)).toEqual(['org-2']);
      expect(users.rows.has(userId)).toBe(true);
      expect(here.revokedAt).toEqual(new FixedClock().now());
      expect(elsewhere.revokedAt).toBeNull();
      await expect(remove()).rejects.toMatchObject({ code: 'BIZ002' });
      await expect(update({ fullName: 'x' })).rejects.toMatchObject({ code: 'BIZ002' });
    });

    it('answers 404 for users who are not members here', async () => {
      await memberships.save(Membership.create('org-2', 'stranger', null, new Date()));
      await expect(remove('stranger')).rejects.toMatchObject({ code: 'BIZ002' });
    });
  });
});
