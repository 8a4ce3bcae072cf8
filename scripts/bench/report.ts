/** The benchmark's report: the machine, the runs and the targets, as JSON and markdown (pure). */
import { RunResult, ScenarioResult, Target } from './stats';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
}

export interface BenchReport {
  date: string;
  machine: Machine;
  dataset: { organizations: number; tasks: number; seedSeconds: number | null };
  settings: { durationSeconds: number; warmupSeconds: number; connections: number; manyConnections: number };
  results: ScenarioResult[];
  peakRssBytes: number | undefined;
  targets: Target[];
  notes: string[];
}

const LABELS: Record<ScenarioResult['scenario'], string> = {
  by_id_cold: 'GET task by id, cold (first pass)',
  by_id_cached: 'GET task by id, cached (second pass)',
  list: 'GET tasks ?status&sort=-due_date&size=20',
  create: 'POST task',
  by_id_many_connections: 'GET task by id, keep-alive',
};

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits });

const failures = (r: RunResult): number => r.errors + r.non2xx;

const runCells = (r: RunResult | undefined): string[] =>
  r ? [fmt(r.rps), fmt(r.p50, 1), fmt(r.p99, 1), fmt(failures(r))] : ['–', '–', '–', '–'];

/** The results table (markdown): one row per scenario, API beside floor. */
export function resultsTable(results: readonly ScenarioResult[]): string {
  const header = [
    '| request | conns | API rps | API p50 ms | API p99 ms | API errors | floor rps | floor p50 ms | floor p99 ms | floor errors | API / floor |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  const rows = results.map((r) =>
    [
      LABELS[r.scenario],
      String(r.connections),
      ...runCells(r.api),
      ...runCells(r.floor),
      r.ratio === undefined ? '–' : `${r.ratio.toFixed(2)} ×`,
    ].join(' | '),
  );
  return [...header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

export function targetsTable(targets: readonly Target[]): string {
  return [
    '| target | measured | met |',
    '|---|---|---|',
    ...targets.map((t) => `| ${t.description} | ${t.actual} | ${t.met ? 'yes' : '**no**'} |`),
  ].join('\n');
}

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${fmt(m.memoryGb, 1)} GB RAM, Node ${m.node}, ${m.os}`;
}

export function toMarkdown(report: BenchReport): string {
  const rss = report.peakRssBytes === undefined ? '–' : `${fmt(report.peakRssBytes / 1024 / 1024)} MB`;
  const seed =
    report.dataset.seedSeconds === null
      ? 'already seeded'
      : `seeded in ${report.dataset.seedSeconds.toFixed(1)} s`;
  return [
    `# Benchmark results`,
    '',
    `- Date: ${report.date}`,
    `- Machine: ${machineLine(report.machine)}`,
    `- Data: ${fmt(report.dataset.organizations)} organizations, ${fmt(report.dataset.tasks)} tasks (${seed})`,
    `- Runs: ${report.settings.durationSeconds} s each after ${report.settings.warmupSeconds} s warm-up; ` +
      `${report.settings.connections} connections, then ${report.settings.manyConnections} keep-alive connections`,
    `- API peak RSS: ${rss}`,
    '',
    resultsTable(report.results),
    '',
    '## Targets (issue 4, point 7)',
    '',
    targetsTable(report.targets),
    ...(report.notes.length > 0 ? ['', '## Notes', '', ...report.notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
}
