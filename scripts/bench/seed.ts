/**
 * Seeds the benchmark database with set-based SQL as the owner: organizations with a department
 * tree, users with memberships and grants of the built-in roles (the rows CreateOrganization
 * writes), projects and tasks. Ids are derived from md5 of a label, so they are stable across
 * runs. Idempotent: the `bench_seed` marker table records what was seeded.
 */
import { hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { BUILTIN_ROLES } from '@erp/identity';
import { runMigrations } from '@erp/platform';

export const BENCH_PASSWORD = 'bench-password-not-secret';
export const BENCH_USER_EMAIL = 'bench@bench.local';
export const USERS_PER_ORG = 50;
export const PROJECTS_PER_ORG = 10;

/** An id from a label: `uuid('org', 3)`, the same in SQL as `md5('org:3')::uuid`. */
const uuid = (kind: string, ...parts: string[]) => `md5('${kind}:' || ${parts.join(` || ':' || `)})::uuid`;
const ORG = uuid('org', 'o');
const BENCH_USER = `md5('bench-user')::uuid`;

/** Departments per organization: four top-level ones, each with two sub-departments. */
const DEPARTMENTS = `(values
  (1, null, 'Engineering', 'ENG'), (2, null, 'Sales', 'SAL'), (3, null, 'Operations', 'OPS'), (4, null, 'Quality', 'QUA'),
  (5, 1, 'Firmware', 'ENG-FW'), (6, 1, 'Mechanical', 'ENG-ME'), (7, 2, 'Domestic', 'SAL-DO'), (8, 2, 'Export', 'SAL-EX'),
  (9, 3, 'Plant A', 'OPS-A'), (10, 3, 'Plant B', 'OPS-B'), (11, 4, 'Inspection', 'QUA-IN'), (12, 4, 'Suppliers', 'QUA-SU')
) as d(n, parent, name, code)`;
const DEPARTMENT_COUNT = 12;
/** Tenant tables the seed writes: their FORCE is lifted for the owner's inserts, then restored. */
const TENANT_TABLES = ['departments', 'memberships', 'roles', 'role_grants', 'projects', 'tasks'];

export interface SeedSize {
  organizations: number;
  tasks: number;
}

export const seedStatements = ({ organizations, tasks }: SeedSize, passwordHash: string): string[] => [
  `insert into organizations (id, name, code)
     select ${ORG}, 'Bench Org ' || o, 'bench-' || o from generate_series(1, ${organizations}) o`,
  `insert into departments (id, organization_id, parent_id, name, code)
     select ${uuid('dept', 'o', 'd.n')}, ${ORG},
            case when d.parent is null then null else ${uuid('dept', 'o', 'd.parent')} end, d.name, d.code
     from generate_series(1, ${organizations}) o, ${DEPARTMENTS} order by o, d.n`,
  `insert into users (id, email, full_name, password_hash, home_organization_id)
     select ${BENCH_USER}, '${BENCH_USER_EMAIL}', 'Bench Runner', '${passwordHash}', null
     union all
     select ${uuid('user', 'o', 'u')}, 'u' || u || '.o' || o || '@bench.local', 'User ' || u || ' of org ' || o,
            '${passwordHash}', ${ORG}
     from generate_series(1, ${organizations}) o, generate_series(1, ${USERS_PER_ORG}) u`,
  `insert into memberships (id, organization_id, user_id, department_id)
     select ${uuid('member', 'o', "'bench'")}, ${ORG}, ${BENCH_USER}, null from generate_series(1, ${organizations}) o
     union all
     select ${uuid('member', 'o', 'u')}, ${ORG}, ${uuid('user', 'o', 'u')},
            ${uuid('dept', 'o', `(u % ${DEPARTMENT_COUNT} + 1)`)}
     from generate_series(1, ${organizations}) o, generate_series(1, ${USERS_PER_ORG}) u`,
  `insert into roles (id, organization_id, code, name, permissions, is_builtin, level)
     select ${uuid('role', 'o', 'r.code')}, ${ORG}, r.code, r.name, r.permissions, true, r.level
     from generate_series(1, ${organizations}) o, (values
       ('admin', '${BUILTIN_ROLES.admin.name}', array[${sqlList(BUILTIN_ROLES.admin.permissions)}]::text[], 'admin'),
       ('member', '${BUILTIN_ROLES.member.name}', array[${sqlList(BUILTIN_ROLES.member.permissions)}]::text[], 'member')
     ) as r(code, name, permissions, level)`,
  // The bench user administers every organization; in each, user 1 is an admin, every third user
  // holds member for their own department only, the others member everywhere.
  `insert into role_grants (id, organization_id, user_id, role_id, department_id, granted_by)
     select ${uuid('grant', 'o', "'bench'")}, ${ORG}, ${BENCH_USER}, ${uuid('role', 'o', "'admin'")}, null, ${BENCH_USER}
     from generate_series(1, ${organizations}) o
     union all
     select ${uuid('grant', 'o', 'u')}, ${ORG}, ${uuid('user', 'o', 'u')},
            ${uuid('role', 'o', "case when u = 1 then 'admin' else 'member' end")},
            case when u % 3 = 0 then ${uuid('dept', 'o', `(u % ${DEPARTMENT_COUNT} + 1)`)} end, ${BENCH_USER}
     from generate_series(1, ${organizations}) o, generate_series(1, ${USERS_PER_ORG}) u`,
  `insert into projects (id, organization_id, code, name, department_id, status, starts_on, created_by)
     select ${uuid('project', 'o', 'p')}, ${ORG}, 'P' || p, 'Project ' || p || ' of org ' || o,
            ${uuid('dept', 'o', `(p % ${DEPARTMENT_COUNT} + 1)`)},
            (array['planned', 'active', 'active', 'on_hold', 'completed'])[p % 5 + 1], date '2026-01-01', ${BENCH_USER}
     from generate_series(1, ${organizations}) o, generate_series(1, ${PROJECTS_PER_ORG}) p`,
  // Task i belongs to organization i % N + 1; the rest varies with i's hash so columns do not correlate.
  `insert into tasks (id, organization_id, project_id, title, description, assignee_id, department_id,
                      status, priority, due_date, created_by, created_at, updated_at)
     select ${uuid('task', 'i')}, ${uuid('org', 'o')},
            case when h % 10 < 8 then ${uuid('project', 'o', `(h % ${PROJECTS_PER_ORG} + 1)`)} end,
            'Task ' || i || ': ' || (array['calibrate', 'inspect', 'ship', 'order', 'review', 'fix'])[h % 6 + 1]
              || ' ' || (array['line 3', 'torque wrenches', 'batch ' || (h % 977), 'supplier audit', 'drawings'])[(h / 7) % 5 + 1],
            case when h % 4 = 0 then 'Details of task ' || i end,
            case when h % 10 < 9 then ${uuid('user', 'o', `((h / 11) % ${USERS_PER_ORG} + 1)`)} end,
            ${uuid('dept', 'o', `((h / 13) % ${DEPARTMENT_COUNT} + 1)`)},
            (array['todo', 'in_progress', 'review', 'done', 'done', 'cancelled'])[(h / 17) % 6 + 1],
            (array['low', 'medium', 'medium', 'high', 'urgent'])[(h / 19) % 5 + 1],
            case when h % 20 <> 0 then date '2026-01-01' + ((h / 23) % 540)::int end,
            ${BENCH_USER}, timestamptz '2025-06-01' + (i * interval '25 seconds'),
            timestamptz '2025-06-01' + (i * interval '25 seconds')
     from (select i, i % ${organizations} + 1 as o, abs(hashint4(i)::bigint) as h
           from generate_series(1, ${tasks}) i) s`,
];

function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
}

/** The URL of `database` on the server of `url`. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function seededSize(url: string): Promise<SeedSize | undefined> {
  return withClient(url, async (c) => {
    const rows = await c
      .query<SeedSize>('select organizations, tasks from bench_seed')
      .then((r) => r.rows)
      .catch(() => []);
    return rows[0];
  });
}

/**
 * Makes sure `benchUrl` holds a seeded database of `size`: creates it from `adminUrl`'s server,
 * migrates and seeds it, or leaves it alone when its marker says it already holds that size.
 */
export async function ensureBenchDatabase(
  adminUrl: string,
  benchUrl: string,
  size: SeedSize,
  reseed: boolean,
): Promise<{ seeded: boolean; seconds: number }> {
  const name = new URL(benchUrl).pathname.slice(1);
  const started = Date.now();
  const exists = await withClient(adminUrl, async (c) => {
    const found = (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    if (!found) return false;
    const current = reseed ? undefined : await seededSize(benchUrl);
    if (current && current.organizations === size.organizations && current.tasks === size.tasks) return true;
    console.log(`Dropping ${name} (${current ? `seeded with ${current.tasks} tasks` : 'not seeded'})`);
    await c.query(`drop database "${name}" with (force)`);
    return false;
  });
  if (exists) {
    await runMigrations(benchUrl); // a seeded database still gets the migrations added since
    return { seeded: false, seconds: 0 };
  }
  await withClient(adminUrl, (c) => c.query(`create database "${name}"`));
  await runMigrations(benchUrl);
  console.log(`Seeding ${name}: ${size.organizations} organizations, ${size.tasks} tasks...`);
  const passwordHash = await hash(BENCH_PASSWORD);
  await withClient(benchUrl, async (c) => {
    // Indexes are built once after the bulk insert: much faster than maintaining them row by row.
    const indexes = (
      await c.query<{ name: string; def: string }>(
        `select indexname as name, indexdef as def from pg_indexes i where tablename = 'tasks'
           and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`,
      )
    ).rows;
    await c.query('begin');
    for (const t of TENANT_TABLES) await c.query(`alter table ${t} no force row level security`);
    for (const index of indexes) await c.query(`drop index ${index.name}`);
    for (const sql of seedStatements(size, passwordHash)) await c.query(sql);
    for (const index of indexes) await c.query(index.def);
    for (const t of TENANT_TABLES) await c.query(`alter table ${t} force row level security`);
    await c.query('create table bench_seed (organizations integer not null, tasks integer not null)');
    await c.query('insert into bench_seed values ($1, $2)', [size.organizations, size.tasks]);
    await c.query('commit');
    await c.query('vacuum analyze');
  });
  return { seeded: true, seconds: (Date.now() - started) / 1000 };
}
