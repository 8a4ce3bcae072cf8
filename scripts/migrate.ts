/**
 * `npm run migration:run | migration:revert | migration:generate -- <Name>` against DATABASE_URL
 * (as its user, the schema owner), or the embedded PostgreSQL like `npm start` when it is unset.
 */
import 'reflect-metadata';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DataSource, EntitySchema, Table } from 'typeorm';
import type { Query } from 'typeorm/driver/Query';
import type { SqlInMemory } from 'typeorm/driver/SqlInMemory';
import { migrations } from '@erp/migrations';
import { dataSourceOptions, loadConfigFromProcess, resolveDatabase, runMigrations } from '@erp/platform';
import { runScript } from './run-script';

const ROOT = resolve(__dirname, '..');
const USAGE =
  'Usage: migrate.ts run | revert | generate <Name>   (npm run migration:generate -- AddTaskLabels)';

async function run(url: string): Promise<void> {
  const applied = await runMigrations(url);
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
}

async function revert(url: string): Promise<void> {
  const owner = new DataSource(dataSourceOptions(url, { role: 'owner', migrations }));
  await owner.initialize();
  try {
    const last = await owner
      .query<{ name: string }[]>(
        'select name from schema_migrations order by timestamp desc, id desc limit 1',
      )
      .catch(() => []);
    if (last.length === 0) {
      console.log('No migration to revert.');
      return;
    }
    await owner.undoLastMigration({ transaction: 'each' });
    console.log(`Reverted: ${last[0].name}`);
  } finally {
    await owner.destroy();
  }
}

/** Every EntitySchema exported by a `*.schema.ts` / `*.schemas.ts` under libs/<context>/src/infrastructure. */
async function entitySchemas(): Promise<EntitySchema[]> {
  const found = new Set<EntitySchema>();
  for (const lib of readdirSync(join(ROOT, 'libs'))) {
    const dir = join(ROOT, 'libs', lib, 'src', 'infrastructure');
    let files: string[];
    try {
      files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const file of files.filter((f) => /\.schemas?\.ts$/.test(f))) {
      const exported = Object.values((await import(join(dir, file))) as Record<string, unknown>);
      for (const value of exported.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]))) {
        if (value instanceof EntitySchema) found.add(value);
      }
    }
  }
  return [...found];
}

const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());

const statement = (q: Query): string => {
  const sql = q.query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  return `    await db.query(\`${sql}\`${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`;
};

/**
 * TypeORM's schema diff, limited to what the entity schemas describe. The hand-written migrations
 * add foreign keys, indexes, checks, unique constraints and column defaults that the schemas do
 * not declare; TypeORM would drop all of them, so objects unknown to the schemas are hidden from
 * the comparison (a change to one the schemas do name is still picked up).
 */
async function diffSchema(ds: DataSource): Promise<SqlInMemory> {
  const builder = ds.driver.createSchemaBuilder() as unknown as {
    tables: Table[];
    executeSchemaSyncOperationsInProperOrder(): Promise<void>;
    log(): Promise<SqlInMemory>;
  };
  const operations = builder.executeSchemaSyncOperationsInProperOrder.bind(builder);
  builder.executeSchemaSyncOperationsInProperOrder = () => {
    for (const table of builder.tables) {
      const meta = ds.entityMetadatas.find((m) => m.tableName === table.name.split('.').pop());
      if (!meta) continue;
      const known = (items: { name?: string }[]) => new Set(items.map((i) => i.name));
      const [fks, indices, checks, uniques, exclusions] = [
        known(meta.foreignKeys),
        known(meta.indices),
        known(meta.checks),
        known(meta.uniques),
        known(meta.exclusions),
      ];
      table.foreignKeys = table.foreignKeys.filter((x) => fks.has(x.name));
      table.indices = table.indices.filter((x) => indices.has(x.name));
      table.checks = table.checks.filter((x) => checks.has(x.name));
      table.uniques = table.uniques.filter((x) => uniques.has(x.name));
      table.exclusions = table.exclusions.filter((x) => exclusions.has(x.name));
      for (const column of table.columns) {
        const mapped = meta.columns.find((c) => c.databaseName === column.name);
        const plain = mapped && !mapped.isCreateDate && !mapped.isUpdateDate && !mapped.isGenerated;
        if (plain && mapped.default === undefined) column.default = undefined;
      }
    }
    return operations();
  };
  return builder.log();
}

async function generate(url: string, name: string | undefined): Promise<void> {
  const parts = words(name ?? '');
  if (parts.length === 0) throw new Error(USAGE);
  const schemas = await entitySchemas();
  const ds = new DataSource(dataSourceOptions(url, { role: 'owner', entities: schemas }));
  await ds.initialize();
  let up: Query[];
  let down: Query[];
  let tenantTables: string[];
  try {
    const sql = await diffSchema(ds);
    up = sql.upQueries;
    down = [...sql.downQueries].reverse();
    const created = new Set(up.map((q) => /^CREATE TABLE "([^"]+)"/i.exec(q.query)?.[1]).filter(Boolean));
    tenantTables = ds.entityMetadatas
      .filter((m) => created.has(m.tableName) && m.columns.some((c) => c.databaseName === 'organization_id'))
      .map((m) => m.tableName);
  } finally {
    await ds.destroy();
  }
  if (up.length === 0) {
    console.log(`No difference between the ${schemas.length} entity schemas and the database.`);
    return;
  }
  const timestamp = Date.now();
  const className = `${parts.map((w) => w[0].toUpperCase() + w.slice(1)).join('')}${timestamp}`;
  const file = join(ROOT, 'migrations', `${timestamp}-${parts.join('-')}.ts`);
  const rls = tenantTables.map(
    (t) => `    for (const sql of protectTenantTable('${t}')) await db.query(sql);`,
  );
  writeFileSync(
    file,
    [
      `import { MigrationInterface, QueryRunner } from 'typeorm';`,
      ...(rls.length > 0 ? [`import { protectTenantTable } from './support/rls';`] : []),
      '',
      `/** Generated from the entity schemas: review it (indexes, constraints, defaults) before committing. */`,
      `export class ${className} implements MigrationInterface {`,
      `  name = '${className}';`,
      '',
      '  async up(db: QueryRunner): Promise<void> {',
      ...up.map(statement),
      ...rls,
      '  }',
      '',
      '  async down(db: QueryRunner): Promise<void> {',
      ...down.map(statement),
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const path = relative(ROOT, file);
  console.log(
    [
      `Created ${path} (${up.length} statement(s)). Next:`,
      `  - review it: the hand-written migrations hold indexes, constraints and defaults that the`,
      `    entity schemas may not declare, so check that nothing is dropped by mistake;`,
      `  - add ${className} to migrations/index.ts (import and the \`migrations\` array);`,
      `  - every table with organization_id needs row-level security: ...protectTenantTable('<table>')`,
      `    from migrations/support/rls.ts` +
        (tenantTables.length > 0 ? ` (added for: ${tenantTables.join(', ')}).` : '.'),
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (!['run', 'revert', 'generate'].includes(command)) throw new Error(USAGE);
  const database = await resolveDatabase(loadConfigFromProcess());
  try {
    if (command === 'run') await run(database.url);
    else if (command === 'revert') await revert(database.url);
    else await generate(database.url, name);
  } finally {
    await database.stop();
  }
}

runScript(main);
