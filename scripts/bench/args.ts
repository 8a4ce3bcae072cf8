/** Command-line options of `npm run bench` (pure: parsed from argv, no I/O). */
export interface BenchOptions {
  /** Tasks to seed across the organizations. */
  tasks: number;
  organizations: number;
  /** Seconds per measured run and per warm-up. */
  duration: number;
  warmup: number;
  /** Connections of the 64-connection runs and of the keep-alive run. */
  connections: number;
  manyConnections: number;
  /** Drop and seed the benchmark database again even when it holds the requested data. */
  reseed: boolean;
  /** Seed only, measure nothing. */
  seedOnly: boolean;
  /** Skip `npm run build` (use the existing dist/). */
  skipBuild: boolean;
  database: string;
  help: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  tasks: 1_000_000,
  organizations: 100,
  duration: 10,
  warmup: 2,
  connections: 64,
  manyConnections: 1000,
  reseed: false,
  seedOnly: false,
  skipBuild: false,
  database: 'erp_bench',
  help: false,
};

export const USAGE = `Usage: npm run bench -- [options]
  --tasks N             tasks to seed (default 1000000)
  --organizations N     organizations to seed (default 100)
  --duration S          seconds per measured run (default 10)
  --warmup S            seconds of warm-up before each run (default 2)
  --connections N       connections of the main runs (default 64)
  --many-connections N  keep-alive connections of the last run (default 1000)
  --database NAME       benchmark database (default erp_bench; BENCH_DATABASE_URL overrides)
  --reseed              drop and seed the database again
  --seed-only           seed, then stop
  --skip-build          use the existing dist/ instead of running npm run build
Environment: BENCH_DATABASE_URL, or TEST_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres);
REDIS_URL (default redis://127.0.0.1:6379, database 14 is used).`;

const NUMERIC: Record<string, keyof BenchOptions> = {
  '--tasks': 'tasks',
  '--organizations': 'organizations',
  '--duration': 'duration',
  '--warmup': 'warmup',
  '--connections': 'connections',
  '--many-connections': 'manyConnections',
};
const FLAGS: Record<string, keyof BenchOptions> = {
  '--reseed': 'reseed',
  '--seed-only': 'seedOnly',
  '--skip-build': 'skipBuild',
  '--help': 'help',
  '-h': 'help',
};

/** Parses `--name value`, `--name=value` and flags; throws with the usage on anything unknown or invalid. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS };
  const values = options as unknown as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    if (FLAGS[name] && inline === undefined) {
      values[FLAGS[name]] = true;
      continue;
    }
    const key = NUMERIC[name] ?? (name === '--database' ? 'database' : undefined);
    if (!key) throw new Error(`Unknown option ${argv[i]}\n${USAGE}`);
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
    if (key === 'database') {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) throw new Error(`${name}: not a plain database name: ${raw}`);
      options.database = raw;
      continue;
    }
    const n = Number(raw.replace(/_/g, ''));
    const min = key === 'warmup' ? 0 : 1;
    if (!Number.isInteger(n) || n < min) throw new Error(`${name}: expected an integer ≥ ${min}, got ${raw}`);
    values[key] = n;
  }
  if (options.tasks < options.organizations) {
    throw new Error('--tasks must be at least --organizations');
  }
  return options;
}
