import { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from './support/rls';

/** Permissions added with ABAC; the built-in admin role of existing organizations gains them. */
const NEW_ADMIN_PERMISSIONS = [
  'policy:read',
  'policy:create',
  'policy:update',
  'policy:delete',
  'authorization:explain',
  'project:read_budget',
  'project:update_budget',
];

/** ABAC: per-organization policies, role levels for `user.role_level`, and a project's budget (a field rule). */
export class CreatePolicies1765000002000 implements MigrationInterface {
  name = 'CreatePolicies1765000002000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `create table policies (
        id uuid primary key,
        organization_id uuid not null references organizations(id) on delete cascade,
        name varchar(200) not null,
        description varchar(2000),
        permission varchar(100) not null,
        effect varchar(10) not null check (effect in ('allow', 'deny')),
        condition varchar(2000) not null,
        created_by uuid references users(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        unique (organization_id, id),
        unique (organization_id, name)
      )`,
      // The authorization query loads all of an organization's policies with the caller's grants.
      `create index policies_permission_idx on policies (organization_id, permission)`,
      ...protectTenantTable('policies'),
      `alter table roles add column level varchar(20) not null default 'member'
         check (level in ('member', 'manager', 'admin'))`,
      `update roles set level = 'admin' where is_builtin and code = 'admin'`,
      `update roles set permissions = array(select distinct p from unnest(permissions || $1::text[]) p order by p)
         where is_builtin and code = 'admin'`,
      `alter table projects add column budget_amount numeric(14, 2) check (budget_amount >= 0)`,
    ];
    for (const sql of statements)
      await db.query(sql, sql.includes('$1') ? [NEW_ADMIN_PERMISSIONS] : undefined);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table projects drop column if exists budget_amount`);
    await db.query(
      `update roles set permissions = array(select p from unnest(permissions) p where not p = any($1::text[]))`,
      [NEW_ADMIN_PERMISSIONS],
    );
    await db.query(`alter table roles drop column if exists level`);
    await db.query(`drop table if exists policies`);
  }
}
