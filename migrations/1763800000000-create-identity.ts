import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '@erp/platform/database/runtime-role';
import {
  allowOwnRows,
  CURRENT_ORGANIZATION,
  CURRENT_USER_ID,
  IS_PLATFORM_ADMIN,
  protectTenantTable,
} from './support/rls';

const AUDIT_COLUMNS = `created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1`;

export class CreateIdentity1763800000000 implements MigrationInterface {
  name = 'CreateIdentity1763800000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // The runtime role: owns nothing, cannot bypass RLS. Roles are cluster-wide, so create it once.
      `do $$ begin
         if not exists (select 1 from pg_roles where rolname = '${RUNTIME_ROLE}') then
           create role ${RUNTIME_ROLE} nologin nosuperuser nobypassrls noinherit nocreatedb nocreaterole;
         end if;
       end $$`,
      // Lets a non-superuser owner switch its connections to the runtime role.
      `do $$ begin
         execute format('grant ${RUNTIME_ROLE} to %I', current_user);
       exception when others then null;
       end $$`,
      `grant usage on schema public to ${RUNTIME_ROLE}`,
      `create extension if not exists pg_trgm`,

      `create table users (
        id uuid primary key,
        email varchar(254) not null,
        full_name varchar(200) not null,
        password_hash text,
        home_organization_id uuid,
        is_active boolean not null default true,
        is_platform_admin boolean not null default false,
        failed_login_count integer not null default 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        ${AUDIT_COLUMNS}
      )`,
      `create unique index users_email_key on users (lower(email))`,
      `grant select, insert, update on users to ${RUNTIME_ROLE}`,

      `create table refresh_tokens (
        id uuid primary key,
        user_id uuid not null references users(id) on delete cascade,
        family_id uuid not null,
        token_hash char(64) not null unique,
        expires_at timestamptz not null,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz not null default now()
      )`,
      `create index refresh_tokens_family_idx on refresh_tokens (family_id)`,
      `create index refresh_tokens_user_idx on refresh_tokens (user_id)`,
      `grant select, insert, update, delete on refresh_tokens to ${RUNTIME_ROLE}`,

      `create table organizations (
        id uuid primary key,
        name varchar(200) not null,
        code varchar(50) not null,
        description varchar(2000),
        is_active boolean not null default true,
        ${AUDIT_COLUMNS}
      )`,
      `create unique index organizations_code_key on organizations (lower(code))`,

      `create table departments (
        id uuid primary key,
        organization_id uuid not null references organizations(id) on delete cascade,
        parent_id uuid,
        name varchar(200) not null,
        code varchar(50) not null,
        ${AUDIT_COLUMNS},
        unique (organization_id, id),
        unique (organization_id, code),
        foreign key (organization_id, parent_id) references departments (organization_id, id)
      )`,
      `create index departments_parent_idx on departments (organization_id, parent_id)`,

      `create table memberships (
        id uuid primary key,
        organization_id uuid not null references organizations(id) on delete cascade,
        user_id uuid not null references users(id),
        department_id uuid,
        is_active boolean not null default true,
        joined_at timestamptz not null default now(),
        ${AUDIT_COLUMNS},
        unique (organization_id, user_id),
        foreign key (organization_id, department_id) references departments (organization_id, id)
      )`,
      `create index memberships_user_org_active_idx on memberships (user_id, organization_id) where is_active`,
      `create index memberships_department_idx on memberships (organization_id, department_id)`,

      `create table roles (
        id uuid primary key,
        organization_id uuid not null references organizations(id) on delete cascade,
        parent_id uuid,
        code varchar(50) not null,
        name varchar(200) not null,
        description varchar(2000),
        permissions text[] not null default '{}',
        is_builtin boolean not null default false,
        ${AUDIT_COLUMNS},
        unique (organization_id, id),
        unique (organization_id, code),
        foreign key (organization_id, parent_id) references roles (organization_id, id)
      )`,
      `create index roles_parent_idx on roles (organization_id, parent_id)`,

      `create table role_grants (
        id uuid primary key,
        organization_id uuid not null references organizations(id) on delete cascade,
        user_id uuid not null,
        role_id uuid not null,
        department_id uuid,
        granted_by uuid references users(id),
        created_at timestamptz not null default now(),
        unique nulls not distinct (organization_id, user_id, role_id, department_id),
        foreign key (organization_id, user_id) references memberships (organization_id, user_id),
        foreign key (organization_id, role_id) references roles (organization_id, id) on delete cascade,
        foreign key (organization_id, department_id) references departments (organization_id, id) on delete cascade
      )`,
      `create index role_grants_user_idx on role_grants (user_id, organization_id)`,

      // Organizations: visible to members, to the platform administrator, and inside their own tenant scope.
      `alter table organizations enable row level security`,
      `alter table organizations force row level security`,
      `create policy tenant_isolation on organizations
         using (id = ${CURRENT_ORGANIZATION} or ${IS_PLATFORM_ADMIN}
                or id in (select m.organization_id from memberships m where m.user_id = ${CURRENT_USER_ID} and m.is_active))
         with check (id = ${CURRENT_ORGANIZATION} or ${IS_PLATFORM_ADMIN})`,
      `grant select, insert, update on organizations to ${RUNTIME_ROLE}`,
      ...protectTenantTable('departments'),
      ...protectTenantTable('memberships'),
      allowOwnRows('memberships'),
      ...protectTenantTable('roles'),
      ...protectTenantTable('role_grants'),
      allowOwnRows('role_grants'),
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'role_grants',
      'roles',
      'memberships',
      'departments',
      'organizations',
      'refresh_tokens',
      'users',
    ]) {
      await db.query(`drop table if exists ${table} cascade`);
    }
    // The runtime role is cluster-wide and may serve other databases: it is kept, only its schema grant goes.
    await db.query(`revoke usage on schema public from ${RUNTIME_ROLE}`);
  }
}
