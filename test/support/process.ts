import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createTestDatabase } from './database';
import { logCaptureFile } from './log-capture';

/** A TCP port free on loopback right now (for a process the test spawns). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Polls `check` every 100 ms until it holds (a throw counts as not yet), or fails after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface SpawnedApp {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Kills it if still running and drops its database. */
  dispose(): Promise<void>;
}

/**
 * Runs an app's `main.ts` (API or worker) as its own process on a fresh database, as production
 * would, and waits until its `/health/ready` answers 200.
 */
export async function spawnApp(
  main: string,
  portVariable: string,
  env: Record<string, string> = {},
): Promise<SpawnedApp> {
  const database = await createTestDatabase();
  const port = await freePort();
  // Under `npm test` its lines, at every level, join this test process's capture file.
  const capture = logCaptureFile();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', main], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      [portVariable]: String(port),
      DATABASE_URL: database.url,
      REDIS_URL: '',
      JWT_SECRET: 'test-secret-0123456789-0123456789-0123456789',
      LOG_LEVEL: 'info',
      ...(capture ? { LOG_CAPTURE_FILE: capture } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const spawned: SpawnedApp = {
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
    dispose: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await database.drop();
    },
  };
  try {
    await waitFor(async () => (await fetch(`${spawned.base}/health/ready`)).status === 200, 45_000);
  } catch (error) {
    await spawned.dispose();
    throw new Error(`${main} did not become ready:\n${output}`, { cause: error });
  }
  return spawned;
}
