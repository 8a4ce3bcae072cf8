import { join, resolve } from 'node:path';
import { freePort, waitFor } from '../../support/process';
import { ChildServer } from './child-process';

const DIST = resolve(__dirname, '../../../dist/apps');
const MAINS = { api: join(DIST, 'api/src/main.js'), worker: join(DIST, 'worker/src/main.js') };

/**
 * The built API or worker (`npm run build`, see build.global-setup.ts) as a process, as production
 * runs it; `env` is its whole configuration (nothing is inherited but PATH and HOME).
 */
export class AppProcess {
  private server?: ChildServer;

  private constructor(
    readonly name: string,
    private readonly kind: keyof typeof MAINS,
    readonly port: number,
    private env: Record<string, string>,
    private readonly dir: string,
  ) {}

  static async start(
    name: string,
    kind: keyof typeof MAINS,
    env: Record<string, string>,
    dir: string,
  ): Promise<AppProcess> {
    const app = new AppProcess(name, kind, await freePort(), env, dir);
    await app.start();
    return app;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts it (again), with `overrides` on top of its environment from now on. */
  async start(overrides: Record<string, string> = {}): Promise<void> {
    this.env = { ...this.env, ...overrides };
    const portVariable = this.kind === 'api' ? 'PORT' : 'WORKER_PORT';
    this.server = ChildServer.start(
      this.name,
      process.execPath,
      [MAINS[this.kind]],
      join(this.dir, `${this.name}.log`),
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/',
          ...this.env,
          [portVariable]: String(this.port),
        },
      },
    );
    try {
      await waitFor(async () => (await fetch(`${this.base}/health/ready`)).status === 200, 45_000);
    } catch (error) {
      throw new Error(`${this.name} did not become ready:\n${this.tail()}`, { cause: error });
    }
  }

  get running(): boolean {
    return this.server?.running ?? false;
  }

  /** SIGKILL: no drain, no goodbye (a crash). */
  kill(): Promise<void> {
    return this.server?.stop('SIGKILL') ?? Promise.resolve();
  }

  /** SIGTERM: graceful shutdown. */
  stop(): Promise<void> {
    return this.server?.stop('SIGTERM') ?? Promise.resolve();
  }

  tail(lines = 40): string {
    return this.server?.tail(lines) ?? '';
  }
}
