/** The measuring half of `npm run bench`: servers up, runs, report written. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { BenchOptions } from './args';
import { CREATED_TITLE_PREFIX, LoadOptions, RequestKind, runLoad, TaskRef } from './load';
import { buildApi, Child, logFile, login, ROOT, sampleRss, startApi, startFloor } from './processes';
import { BenchReport, machineLine, resultsTable, targetsTable, toMarkdown } from './report';
import { BENCH_USER_EMAIL } from './seed';
import { evaluateTargets, ratio, RunResult, Scenario, ScenarioResult } from './stats';

const REDIS_URL = `${(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d*$/, '')}/14`;
/** Task ids per pass: more than either server answers in one run, so a pass never repeats an id. */
const IDS_PER_PASS = 200_000;
const WARMUP_IDS = 5_000;

interface Inputs {
  benchUserId: string;
  organizationIds: string[];
  warmup: TaskRef[];
  apiIds: TaskRef[];
  floorIds: TaskRef[];
}

/** The bench user, the organizations and three disjoint sets of task ids in a stable random order. */
async function loadInputs(url: string, tasks: number): Promise<Inputs> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const user = await client.query<{ id: string }>('select id from users where email = $1', [
      BENCH_USER_EMAIL,
    ]);
    const orgs = await client.query<{ id: string }>(
      `select id from organizations where code like 'bench-%' order by code`,
    );
    const perPass = Math.min(IDS_PER_PASS, Math.floor((tasks - WARMUP_IDS) / 2));
    const refs = await client.query<{ organizationId: string; id: string }>(
      `select organization_id as "organizationId", id from tasks where title not like $1 order by md5(id::text) limit $2`,
      [`${CREATED_TITLE_PREFIX}%`, WARMUP_IDS + 2 * perPass],
    );
    const rows = refs.rows;
    return {
      benchUserId: user.rows[0].id,
      organizationIds: orgs.rows.map((r) => r.id),
      warmup: rows.slice(0, WARMUP_IDS),
      apiIds: rows.slice(WARMUP_IDS, WARMUP_IDS + perPass),
      floorIds: rows.slice(WARMUP_IDS + perPass),
    };
  } finally {
    await client.end();
  }
}

async function removeCreatedTasks(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('delete from tasks where title like $1', [`${CREATED_TITLE_PREFIX}%`]);
  } finally {
    await client.end();
  }
}

function machine(): BenchReport['machine'] {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${type()} ${release()}`,
  };
}

export async function measure(
  options: BenchOptions,
  benchUrl: string,
  seed: { seeded: boolean; seconds: number },
): Promise<void> {
  if (!options.skipBuild) buildApi();
  const inputs = await loadInputs(benchUrl, options.tasks);
  const load = loadavg();
  const api = await startApi(benchUrl, REDIS_URL);
  const rss = sampleRss(api.process.pid ?? 0);
  let floor: Child | undefined;
  const results: ScenarioResult[] = [];
  let peakRssBytes: number | undefined;
  try {
    floor = await startFloor(benchUrl, inputs.benchUserId);
    const token = await login(api.base);
    const at = (child: Child, connections = options.connections): LoadOptions => ({
      base: child.base,
      token,
      connections,
      seconds: options.duration,
    });
    const run = async (
      label: string,
      child: Child,
      request: RequestKind,
      warm?: RequestKind,
      conns?: number,
    ) => {
      if (warm && options.warmup > 0) await runLoad(warm, { ...at(child, conns), seconds: options.warmup });
      const { result, served } = await runLoad(request, at(child, conns));
      const size = request.kind === 'by_id' ? request.ids.length : undefined;
      const wrapped =
        size !== undefined && served > size ? ` (wrapped: ${served} requests over ${size} ids)` : '';
      console.log(
        `${label}: ${result.rps} rps, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors + result.non2xx}${wrapped}`,
      );
      return result;
    };
    const pair = async (
      scenario: Scenario,
      api_: RequestKind,
      floor_: RequestKind,
      warm?: [RequestKind, RequestKind],
    ) => {
      const f = await run(`${scenario} floor`, floor!, floor_, warm?.[1]);
      const a = await run(`${scenario} API`, api, api_, warm?.[0]);
      results.push(entry(scenario, options.connections, a, f));
    };
    const byId = (ids: TaskRef[]): RequestKind => ({ kind: 'by_id', ids });
    const warmById = byId(inputs.warmup);
    const orgs = { organizationIds: inputs.organizationIds };
    await pair('by_id_cold', byId(inputs.apiIds), byId(inputs.floorIds), [warmById, warmById]);
    await pair('by_id_cached', byId(inputs.apiIds), byId(inputs.floorIds));
    const list: RequestKind = { kind: 'list', ...orgs };
    await pair('list', list, list, [list, list]);
    const create: RequestKind = { kind: 'create', ...orgs };
    await pair('create', create, create, [create, create]);
    const many = await run(
      'by_id_many_connections API',
      api,
      byId(inputs.apiIds),
      undefined,
      options.manyConnections,
    );
    results.push(entry('by_id_many_connections', options.manyConnections, many));
  } finally {
    peakRssBytes = rss.stop();
    await Promise.all([api.stop(), floor?.stop()]);
    await removeCreatedTasks(benchUrl);
  }
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: machine(),
    dataset: {
      organizations: options.organizations,
      tasks: options.tasks,
      seedSeconds: seed.seeded ? seed.seconds : null,
    },
    settings: {
      durationSeconds: options.duration,
      warmupSeconds: options.warmup,
      connections: options.connections,
      manyConnections: options.manyConnections,
    },
    results,
    peakRssBytes,
    targets: evaluateTargets(results, peakRssBytes),
    notes: [
      ...apiErrorNote(),
      `Load average before the run: ${load.map((l) => l.toFixed(2)).join(', ')}; autocannon, the API, the floor, ` +
        'PostgreSQL and Redis share this machine.',
      'The floor runs only the data statement (one round trip, as the database superuser, no RLS); the API adds ' +
        'BEGIN, set_config, the authorization lookup (once per user and organization, then cached), COMMIT, ' +
        'and for POST the reload and the audit row.',
    ],
  };
  writeReport(report);
}

/** How many errors the API logged during the run (its output is in bench-results/api.log). */
function apiErrorNote(): string[] {
  const lines = readFileSync(logFile('api'), 'utf8').split('\n');
  const errors = lines.filter((l) => /\bERROR\b/.test(l));
  if (errors.length === 0) return [];
  const kinds = [...new Set(lines.filter((l) => /^\w*Error: /.test(l)).map((l) => l.split(':')[0]))];
  return [
    `The API logged ${errors.length} errors (${kinds.join(', ') || 'see the log'}): bench-results/api.log.`,
  ];
}

function entry(scenario: Scenario, connections: number, api: RunResult, floor?: RunResult): ScenarioResult {
  return { scenario, connections, api, floor, ratio: floor ? ratio(api.rps, floor.rps) : undefined };
}

function writeReport(report: BenchReport): void {
  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.md'), toMarkdown(report));
  console.log(`\nMachine: ${machineLine(report.machine)}\n`);
  console.log(resultsTable(report.results));
  console.log('');
  console.log(targetsTable(report.targets));
  console.log('\nWritten: bench-results/latest.json, bench-results/latest.md');
}
