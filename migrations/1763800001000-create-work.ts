import { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from './support/rls';

export class CreateWork1763800001000 implements MigrationInterface {
  name = 'CreateWork1763800001000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `create table projects (
        id uuid primary key,
        organization_id uuid not null references organizations(id) on delete cascade,
        code varchar(50) not null,
        name varchar(200) not null,
        description varchar(5000),
        department_id uuid,
        status varchar(20) not null default 'planned'
          check (status in ('planned', 'active', 'on_hold', 'completed', 'cancelled')),
        starts_on date,
        ends_on date,
        created_by uuid references users(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        unique (organization_id, id),
        unique (organization_id, code),
        foreign key (organization_id, department_id) references departments (organization_id, id),
        check (ends_on is null or starts_on is null or ends_on >= starts_on)
      )`,
      `create index projects_status_idx on projects (organization_id, status)`,
      `create index projects_department_idx on projects (organization_id, department_id)`,
      `create index projects_created_idx on projects (organization_id, created_at desc)`,
      `create index projects_name_trgm_idx on projects using gin (name gin_trgm_ops)`,
      `create index projects_code_trgm_idx on projects using gin (code gin_trgm_ops)`,

      `create table tasks (
        id uuid primary key,
        organization_id uuid not null references organizations(id) on delete cascade,
        project_id uuid,
        title varchar(200) not null,
        description varchar(10000),
        assignee_id uuid,
        department_id uuid,
        status varchar(20) not null default 'todo'
          check (status in ('todo', 'in_progress', 'review', 'done', 'cancelled')),
        priority varchar(10) not null default 'medium'
          check (priority in ('low', 'medium', 'high', 'urgent')),
        due_date date,
        created_by uuid references users(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        foreign key (organization_id, project_id) references projects (organization_id, id),
        foreign key (organization_id, assignee_id) references memberships (organization_id, user_id),
        foreign key (organization_id, department_id) references departments (organization_id, id)
      )`,
      // The seed's task indexes, each led by the tenant column the policy filters on.
      `create index tasks_project_status_idx on tasks (organization_id, project_id, status)`,
      `create index tasks_assignee_status_idx on tasks (organization_id, assignee_id, status)`,
      `create index tasks_department_idx on tasks (organization_id, department_id)`,
      `create index tasks_created_idx on tasks (organization_id, created_at desc)`,
      `create index tasks_due_date_idx on tasks (organization_id, due_date)`,
      // Text search (`q`) matches title or description anywhere: trigram indexes serve ILIKE '%q%'.
      `create index tasks_title_trgm_idx on tasks using gin (title gin_trgm_ops)`,
      `create index tasks_description_trgm_idx on tasks using gin (description gin_trgm_ops)`,
      ...protectTenantTable('projects'),
      ...protectTenantTable('tasks'),
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists tasks`);
    await db.query(`drop table if exists projects`);
  }
}
