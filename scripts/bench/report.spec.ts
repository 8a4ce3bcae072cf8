import { BenchReport, toMarkdown } from './report';
import { evaluateTargets, RunResult, ScenarioResult } from './stats';

const run = (rps: number, failures = 0): RunResult => ({
  rps,
  p50: 3.25,
  p99: 12,
  non2xx: failures,
  errors: 0,
  timeouts: 0,
  requests: rps * 10,
});
const results: ScenarioResult[] = [
  { scenario: 'by_id_cold', connections: 64, api: run(9000), floor: run(15000), ratio: 0.6 },
  { scenario: 'by_id_many_connections', connections: 1000, api: run(8000, 2) },
];

const report = (overrides: Partial<BenchReport> = {}): BenchReport => ({
  date: '2026-12-06T21:00:00.000Z',
  machine: { cpu: 'AMD EPYC', cores: 2, memoryGb: 23.5, node: 'v20.20.2', os: 'Linux 6.1' },
  dataset: { organizations: 100, tasks: 1_000_000, seedSeconds: 52.14 },
  settings: { durationSeconds: 10, warmupSeconds: 2, connections: 64, manyConnections: 1000 },
  results,
  peakRssBytes: 200 * 1024 * 1024,
  targets: evaluateTargets(results, 200 * 1024 * 1024),
  notes: ['shared machine'],
  ...overrides,
});

describe('bench report', () => {
  it('shows the machine, the data, API beside floor with the ratio, and the targets', () => {
    const md = toMarkdown(report());
    expect(md).toContain('- Machine: AMD EPYC, 2 cores, 23.5 GB RAM, Node v20.20.2, Linux 6.1');
    expect(md).toContain('- Data: 100 organizations, 1,000,000 tasks (seeded in 52.1 s)');
    expect(md).toContain('- API peak RSS: 200 MB');
    expect(md).toContain(
      '| GET task by id, cold (first pass) | 64 | 9,000 | 3.3 | 12 | 0 | 15,000 | 3.3 | 12 | 0 | 0.60 × |',
    );
    expect(md).toContain('| GET task by id, keep-alive | 1000 | 8,000 | 3.3 | 12 | 2 | – | – | – | – | – |');
    expect(md).toContain('| GET task by id (cold) ≥ 0.5 × floor | 0.60 × | yes |');
    expect(md).toContain(
      '| 1000 keep-alive connections without errors | 2 errors (timeouts included) or non-2xx | **no** |',
    );
    expect(md).toContain('- shared machine');
  });

  it('says when the data was already seeded and when RSS was not measured', () => {
    const md = toMarkdown(
      report({ dataset: { organizations: 100, tasks: 10, seedSeconds: null }, peakRssBytes: undefined }),
    );
    expect(md).toContain('(already seeded)');
    expect(md).toContain('- API peak RSS: –');
  });
});
