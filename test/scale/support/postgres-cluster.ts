import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, waitFor } from '../../support/process';
import { ChildServer } from './child-process';

/** The newest PostgreSQL server binaries installed from the distribution (`postgresql` package). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (versions.length === 0)
    throw new Error(`no PostgreSQL server under ${root} (apt-get install postgresql)`);
  return join(root, versions[versions.length - 1], 'bin');
}

/** PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A PostgreSQL cluster of the suite's own (initdb into a temporary folder, a free port), so it can
 * be stopped and started without touching the shared one. Trust authentication, user `postgres`.
 */
export class PostgresCluster {
  private server?: ChildServer;

  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly user: { uid: number; gid: number } | undefined,
  ) {}

  static async create(dir: string): Promise<PostgresCluster> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const user = runAs();
    if (user) chownSync(dir, user.uid, user.gid);
    const bin = binDir();
    execFileSync(
      join(bin, 'initdb'),
      ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { ...user, stdio: 'ignore' },
    );
    const cluster = new PostgresCluster(dir, await freePort(), bin, user);
    await cluster.start();
    return cluster;
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async query<T = Record<string, unknown>>(
    database: string,
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async start(): Promise<void> {
    this.server = ChildServer.start(
      'postgres',
      join(this.bin, 'postgres'),
      [
        ...['-D', join(this.dir, 'data'), '-p', String(this.port), '-k', this.dir],
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
        ...['-c', 'max_connections=200'],
      ],
      join(this.dir, '..', 'postgres.log'),
      { ...this.user },
    );
    await waitFor(async () => (await this.query('postgres', 'select 1')).length === 1, 30_000);
  }

  /** Fast shutdown (open sessions are terminated, as in a restart for maintenance). */
  async stop(): Promise<void> {
    await this.server?.stop('SIGINT', 15_000);
  }

  tail(): string {
    return this.server?.tail() ?? '';
  }
}
