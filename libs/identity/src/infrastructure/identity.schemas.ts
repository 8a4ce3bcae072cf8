import { EntitySchema, EntitySchemaColumnOptions } from 'typeorm';
import { Department } from '../domain/department';
import { Membership } from '../domain/membership';
import { Organization } from '../domain/organization';
import { Role } from '../domain/role';
import { RoleGrant } from '../domain/role-grant';
import { User } from '../domain/user';
import { UserIdentity } from '../domain/user-identity';

const uuid = (name: string, nullable = false): EntitySchemaColumnOptions => ({
  type: 'uuid',
  name,
  nullable,
});
const timestamps = {
  createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  version: { type: 'int', version: true },
} satisfies Record<string, EntitySchemaColumnOptions>;

export const OrganizationSchema = new EntitySchema<Organization>({
  name: 'Organization',
  target: Organization,
  tableName: 'organizations',
  columns: {
    id: { type: 'uuid', primary: true },
    name: { type: 'varchar', length: 200 },
    code: { type: 'varchar', length: 50 },
    description: { type: 'varchar', length: 2000, nullable: true },
    isActive: { type: 'boolean', name: 'is_active' },
    ...timestamps,
  },
});

export const UserSchema = new EntitySchema<User>({
  name: 'User',
  target: User,
  tableName: 'users',
  columns: {
    id: { type: 'uuid', primary: true },
    email: { type: 'varchar', length: 254 },
    fullName: { type: 'varchar', length: 200, name: 'full_name' },
    passwordHash: { type: 'text', name: 'password_hash', nullable: true },
    homeOrganizationId: { type: 'uuid', name: 'home_organization_id', nullable: true },
    isActive: { type: 'boolean', name: 'is_active' },
    isPlatformAdmin: { type: 'boolean', name: 'is_platform_admin' },
    failedLoginCount: { type: 'int', name: 'failed_login_count' },
    lockedUntil: { type: 'timestamptz', name: 'locked_until', nullable: true },
    lastLoginAt: { type: 'timestamptz', name: 'last_login_at', nullable: true },
    erasedAt: { type: 'timestamptz', name: 'erased_at', nullable: true },
    ...timestamps,
  },
});

export const MembershipSchema = new EntitySchema<Membership>({
  name: 'Membership',
  target: Membership,
  tableName: 'memberships',
  columns: {
    id: { type: 'uuid', primary: true },
    organizationId: uuid('organization_id'),
    userId: uuid('user_id'),
    departmentId: uuid('department_id', true),
    isActive: { type: 'boolean', name: 'is_active' },
    joinedAt: { type: 'timestamptz', name: 'joined_at' },
    ...timestamps,
  },
});

export const DepartmentSchema = new EntitySchema<Department>({
  name: 'Department',
  target: Department,
  tableName: 'departments',
  columns: {
    id: { type: 'uuid', primary: true },
    organizationId: uuid('organization_id'),
    parentId: uuid('parent_id', true),
    name: { type: 'varchar', length: 200 },
    code: { type: 'varchar', length: 50 },
    ...timestamps,
  },
});

export const RoleSchema = new EntitySchema<Role>({
  name: 'Role',
  target: Role,
  tableName: 'roles',
  columns: {
    id: { type: 'uuid', primary: true },
    organizationId: uuid('organization_id'),
    parentId: uuid('parent_id', true),
    code: { type: 'varchar', length: 50 },
    name: { type: 'varchar', length: 200 },
    description: { type: 'varchar', length: 2000, nullable: true },
    permissions: { type: 'text', array: true },
    isBuiltin: { type: 'boolean', name: 'is_builtin' },
    level: { type: 'varchar', length: 20 },
    ...timestamps,
  },
});

export const RoleGrantSchema = new EntitySchema<RoleGrant>({
  name: 'RoleGrant',
  target: RoleGrant,
  tableName: 'role_grants',
  columns: {
    id: { type: 'uuid', primary: true },
    organizationId: uuid('organization_id'),
    userId: uuid('user_id'),
    roleId: uuid('role_id'),
    departmentId: uuid('department_id', true),
    grantedBy: uuid('granted_by', true),
    source: { type: 'varchar', length: 10 },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});

export const UserIdentitySchema = new EntitySchema<UserIdentity>({
  name: 'UserIdentity',
  target: UserIdentity,
  tableName: 'user_identities',
  columns: {
    id: { type: 'uuid', primary: true },
    userId: uuid('user_id'),
    issuer: { type: 'varchar', length: 500 },
    subject: { type: 'varchar', length: 255 },
    rolesHash: { type: 'char', length: 64, name: 'roles_hash', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});

export const IDENTITY_SCHEMAS = [
  OrganizationSchema,
  UserSchema,
  MembershipSchema,
  DepartmentSchema,
  RoleSchema,
  RoleGrantSchema,
  UserIdentitySchema,
];
