/** The child processes of a benchmark run: the built API and the floor server, and the API's RSS. */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { BENCH_PASSWORD, BENCH_USER_EMAIL } from './seed';

export const ROOT = resolve(__dirname, '..', '..');

export interface Child {
  process: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the process exited with ${child.exitCode} (see bench-results/*.log)`);
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Where the children's output goes: bench-results/<name>.log. */
export const logFile = (name: string): string => join(ROOT, 'bench-results', `${name}.log`);

function start(name: string, args: string[], env: NodeJS.ProcessEnv, port: number): Child {
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  const out = openSync(logFile(name), 'w');
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', out, out] });
  return {
    process: child,
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** `npm run build`, as production does before `node dist/apps/api/src/main.js`. */
export function buildApi(): void {
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** Starts the built API the way production runs it and waits for /health/ready. */
export async function startApi(databaseUrl: string, redisUrl: string): Promise<Child> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    // The heap limit production runs with (Dockerfile): V8 otherwise lets the heap grow lazily
    // toward a share of the machine's memory under load, far past what the API needs.
    NODE_OPTIONS: '--max-old-space-size=160',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdef0123456789',
    JWT_ACCESS_TTL_SECONDS: '3600',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: 'erp-bench:',
    RATE_LIMIT_ENABLED: 'false',
    DB_MIGRATE_ON_START: 'false',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
  };
  const api = start('api', [join(ROOT, 'dist/apps/api/src/main.js')], env, port);
  await waitFor(`${api.base}/health/ready`, api.process, 60);
  return api;
}

/** Starts the raw node:http + pg floor server. */
export async function startFloor(databaseUrl: string, benchUserId: string): Promise<Child> {
  const port = await freePort();
  const args = ['-r', '@swc-node/register', join(__dirname, 'floor-server.ts'), databaseUrl, String(port)];
  const floor = start('floor', [...args, benchUserId], { ...process.env }, port);
  await waitFor(`${floor.base}/`, floor.process, 30);
  return floor;
}

/** Logs the bench user in through the API; returns the access token. */
export async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/token/obtain`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER_EMAIL, password: BENCH_PASSWORD }),
  });
  const body = (await response.json()) as { data?: { access_token?: string } };
  if (!response.ok || !body.data?.access_token) {
    throw new Error(`Login failed (${response.status}): ${JSON.stringify(body)}`);
  }
  return body.data.access_token;
}

/** Peak resident memory of `pid`: the kernel's VmHWM, and the highest VmRSS sampled every 250 ms. */
export function sampleRss(pid: number): { stop(): number | undefined } {
  const read = (field: string): number | undefined => {
    try {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
        readFileSync(`/proc/${pid}/status`, 'utf8'),
      );
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  };
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, read('VmRSS') ?? 0)), 250);
  return {
    stop: () => {
      clearInterval(timer);
      const hwm = read('VmHWM');
      const best = Math.max(peak, hwm ?? 0);
      return best > 0 ? best : undefined;
    },
  };
}
