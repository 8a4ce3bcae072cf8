import type { PoolClient } from 'pg';
import { QueryFailedError, QueryRunner } from 'typeorm';

const opened = new WeakMap<QueryRunner, Promise<PoolClient>>();

/**
 * Makes `runner` open its transaction (with `beginSql`: START TRANSACTION and the row-level
 * security settings) only when it first needs a database connection. Every query, savepoint and
 * stream of a TypeORM runner connects first, so no statement can run before the settings are in
 * place; a request that never touches the database (say, a read answered from the cache) borrows
 * no connection and costs no BEGIN/COMMIT round trips.
 */
export function deferBegin(runner: QueryRunner, beginSql: string): void {
  const connect = runner.connect.bind(runner) as () => Promise<PoolClient>;
  runner.connect = () => {
    let opening = opened.get(runner);
    if (!opening) {
      opening = connect().then(async (client) => {
        try {
          await client.query(beginSql);
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined); // never pool a half-begun session
          throw new QueryFailedError(beginSql, undefined, error as Error);
        }
        return client;
      });
      opened.set(runner, opening);
    }
    return opening;
  };
  // TypeORM is told a transaction is open, so its commit, rollback and savepoints work as usual.
  Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
}

/**
 * Where `runner`'s transaction stands: `deferred` when nothing has needed the database yet, `open`
 * once it began, `failed` when beginning failed (then there is nothing to commit or roll back).
 */
export async function beginState(runner: QueryRunner): Promise<'deferred' | 'open' | 'failed'> {
  const opening = opened.get(runner);
  if (!opening) return 'deferred';
  return opening.then(
    () => 'open' as const,
    () => 'failed' as const,
  );
}
