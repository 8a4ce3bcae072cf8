import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { beginState, deferBegin } from './deferred-begin';

/** Who the database should see as acting: drives the row-level security settings of the transaction. */
export interface DatabaseScope {
  organizationId: string | null;
  userId: string | null;
  platformAdmin: boolean;
}

const RUNNER = 'db.runner';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID (or none) as an SQL literal; anything else is refused, so nothing can be injected. */
function uuidLiteral(value: string | null): string {
  if (value === null) return "''";
  if (!UUID.test(value)) throw new Error('A request scope id must be a UUID');
  return `'${value}'`;
}

/** The transaction-local settings row-level security reads. */
const settingsSql = (scope: DatabaseScope): string =>
  `select set_config('app.organization_id', ${uuidLiteral(scope.organizationId)}, true), ` +
  `set_config('app.user_id', ${uuidLiteral(scope.userId)}, true), ` +
  `set_config('app.platform_admin', '${scope.platformAdmin ? 'on' : 'off'}', true)`;
const AFTER_COMMIT = 'db.afterCommit';

/**
 * The request's connection died under it (PostgreSQL restarted, the network dropped): TypeORM
 * released the runner, so nothing was committed. SQLSTATE 08006 (connection_failure), so it is
 * answered like any other lost connection (503 SYS001 with Retry-After), not as a bug.
 */
export class DatabaseConnectionLost extends Error {
  readonly code = '08006';
  constructor() {
    super('The database connection was lost during the request; nothing was committed');
  }
}
const SCOPE = 'db.scope';

/**
 * The per-request transaction in which every tenant query runs. It starts by setting
 * `app.organization_id`, `app.user_id` and `app.platform_admin` transaction-locally, so the
 * row-level security policies see the caller and nothing can leak through a pooled connection.
 */
@Injectable()
export class RequestTransaction {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cls: ClsService,
  ) {}

  /** The manager of the current transaction. Outside one, tenant data is unreachable by design. */
  get manager(): EntityManager {
    const runner = this.cls.get<QueryRunner | undefined>(RUNNER);
    if (!runner) throw new Error('No request transaction is open');
    return runner.manager;
  }

  get isOpen(): boolean {
    return this.cls.isActive() && this.cls.get<QueryRunner | undefined>(RUNNER) !== undefined;
  }

  /** The scope the open transaction runs with (`app.organization_id` and friends), if one is open. */
  get scope(): DatabaseScope | undefined {
    return this.isOpen ? this.cls.get<DatabaseScope>(SCOPE) : undefined;
  }

  /**
   * Opens the request's transaction; `finish()` must follow. It begins on the database (START
   * TRANSACTION and the settings, one round trip) with the first statement that needs it, so a
   * request answered without the database never borrows a connection.
   */
  begin(scope: DatabaseScope): Promise<EntityManager> {
    const sql = `START TRANSACTION; ${settingsSql(scope)}`; // refuses a non-UUID before any I/O
    const runner = this.dataSource.createQueryRunner();
    deferBegin(runner, sql);
    this.cls.set(RUNNER, runner);
    this.cls.set(SCOPE, { ...scope });
    return Promise.resolve(runner.manager);
  }

  /** Commits (or rolls back) and releases the request's transaction, if one is open. */
  async finish(outcome: 'commit' | 'rollback'): Promise<void> {
    const runner = this.cls.get<QueryRunner | undefined>(RUNNER);
    if (!runner) return;
    const callbacks = this.cls.get<(() => void | Promise<void>)[] | undefined>(AFTER_COMMIT) ?? [];
    this.cls.set(RUNNER, undefined);
    this.cls.set(AFTER_COMMIT, undefined);
    let committed = false;
    // Only this method releases a request's runner: released already means the connection died,
    // and whatever the handler saw (or would commit) is lost with it.
    if (runner.isReleased) throw new DatabaseConnectionLost();
    try {
      // Nothing reached the database: there is nothing to commit or roll back.
      const state = await beginState(runner);
      if (state === 'deferred') committed = outcome === 'commit';
      else if (state === 'open' && runner.isTransactionActive) {
        if (outcome === 'commit') {
          await runner.commitTransaction();
          committed = true;
        } else await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
    if (committed) for (const callback of callbacks) await callback();
  }

  /**
   * Runs `callback` once the open transaction has committed (never after a rollback): for effects
   * outside the database that must not run ahead of the data, such as cache invalidation or
   * evicting a cache entry a concurrent request could otherwise refill from the uncommitted state.
   */
  afterCommit(callback: () => void | Promise<void>): void {
    if (!this.isOpen) throw new Error('No request transaction is open');
    this.cls.set(AFTER_COMMIT, [
      ...(this.cls.get<(() => void | Promise<void>)[] | undefined>(AFTER_COMMIT) ?? []),
      callback,
    ]);
  }

  /**
   * Serializes the rest of the transaction with every other transaction taking the same key
   * (for invariants no row lock covers, such as "no cycle in a tree"). Released at commit.
   */
  async lock(key: string): Promise<void> {
    await this.manager.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  }

  /**
   * Moves the open transaction to another organization (used when creating one, and by data rights
   * to visit each organization of a user); `null` leaves every organization.
   */
  async switchOrganization(organizationId: string | null): Promise<void> {
    await this.manager.query(`select set_config('app.organization_id', $1, true)`, [organizationId ?? '']);
    this.cls.set(SCOPE, { ...this.cls.get<DatabaseScope>(SCOPE), organizationId });
  }

  /** Runs `work` in its own transaction with the given scope (jobs, seeding, bootstrap, tests). */
  async run<T>(scope: DatabaseScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.cls.run(async () => {
      const manager = await this.begin(scope);
      try {
        const result = await work(manager);
        await this.finish('commit');
        return result;
      } catch (error) {
        await this.finish('rollback');
        throw error;
      }
    });
  }
}
