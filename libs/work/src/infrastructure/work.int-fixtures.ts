import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import {
  AppConfig,
  dataSourceOptions,
  RecordCache,
  RedisConnection,
  RequestTransaction,
} from '@erp/platform';
import { ProjectSchema } from './project.schema';
import { TaskSchema } from './task.schema';

type Row = Record<string, unknown>;

/**
 * For the work context's integration tests: the runtime (RLS-bound) data source behind a real
 * RequestTransaction, and fixtures written as the owner (which bypasses RLS).
 */
export class WorkDatabase {
  private constructor(
    readonly owner: DataSource,
    readonly runtime: DataSource,
    readonly tx: RequestTransaction,
  ) {
    this.cache = new RecordCache(
      { REDIS_KEY_PREFIX: '' } as AppConfig,
      new RedisConnection({} as AppConfig),
      tx,
    );
  }

  /** A record cache in this process's memory (no Redis), over this database's transactions. */
  readonly cache: RecordCache;

  static async open(url: string): Promise<WorkDatabase> {
    const owner = await new DataSource(dataSourceOptions(url, { role: 'owner' })).initialize();
    const runtime = await new DataSource(
      dataSourceOptions(url, { role: 'runtime', entities: [ProjectSchema, TaskSchema], poolSize: 4 }),
    ).initialize();
    return new WorkDatabase(
      owner,
      runtime,
      new RequestTransaction(runtime, new ClsService(new AsyncLocalStorage())),
    );
  }

  /** Runs `work` in a request transaction scoped to the organization, as the API would. */
  as<T>(organizationId: string, work: () => Promise<T>): Promise<T> {
    return this.tx.run({ organizationId, userId: null, platformAdmin: false }, () => work());
  }

  async organization(): Promise<string> {
    const id = randomUUID();
    await this.owner.query(`insert into organizations (id, name, code) values ($1, $2, $2)`, [
      id,
      `org-${id}`,
    ]);
    return id;
  }

  async department(organizationId: string): Promise<string> {
    const id = randomUUID();
    await this.owner.query(
      `insert into departments (id, organization_id, name, code) values ($1, $2, $3, $3)`,
      [id, organizationId, `dept-${id}`],
    );
    return id;
  }

  /** A user with a membership in the organization (ended when `active` is false). */
  async member(organizationId: string, active = true): Promise<string> {
    const id = randomUUID();
    await this.owner.query(`insert into users (id, email, full_name) values ($1, $2, 'Member')`, [
      id,
      `${id}@test.local`,
    ]);
    await this.owner.query(
      `insert into memberships (id, organization_id, user_id, is_active) values ($1, $2, $3, $4)`,
      [randomUUID(), organizationId, id, active],
    );
    return id;
  }

  async project(organizationId: string, fields: Row = {}): Promise<string> {
    return this.insert('projects', {
      organization_id: organizationId,
      code: `P-${randomUUID()}`,
      name: 'Project',
      ...fields,
    });
  }

  async task(organizationId: string, fields: Row = {}): Promise<string> {
    return this.insert('tasks', { organization_id: organizationId, title: 'Task', ...fields });
  }

  async close(): Promise<void> {
    await this.runtime.destroy();
    await this.owner.destroy();
  }

  private async insert(table: string, fields: Row): Promise<string> {
    const row = { id: randomUUID(), ...fields };
    const columns = Object.keys(row);
    await this.owner.query(
      `insert into ${table} (${columns.join(', ')}) values (${columns.map((_c, i) => `$${i + 1}`).join(', ')})`,
      Object.values(row),
    );
    return row.id;
  }
}
