/** Result arithmetic of the benchmark: pure, no I/O. */

/** One measured run (an autocannon result reduced to what the report shows). */
export interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  /** Responses outside 2xx; connection errors (timeouts included); timeouts alone. */
  non2xx: number;
  errors: number;
  timeouts: number;
  requests: number;
}

export type Scenario = 'by_id_cold' | 'by_id_cached' | 'list' | 'create' | 'by_id_many_connections';

export interface ScenarioResult {
  scenario: Scenario;
  connections: number;
  api: RunResult;
  floor?: RunResult;
  /** api.rps / floor.rps, when there is a floor. */
  ratio?: number;
}

export interface Target {
  id: string;
  description: string;
  met: boolean;
  actual: string;
}

/** `a / b`, or undefined when b is missing or zero. */
export function ratio(a: number, b: number | undefined): number | undefined {
  return b === undefined || b === 0 ? undefined : a / b;
}

const byScenario = (results: readonly ScenarioResult[], s: Scenario) => results.find((r) => r.scenario === s);

function ratioTarget(
  results: readonly ScenarioResult[],
  scenario: Scenario,
  id: string,
  min: number,
  what: string,
): Target {
  const r = byScenario(results, scenario)?.ratio;
  return {
    id,
    description: `${what} ≥ ${min} × floor`,
    met: r !== undefined && r >= min,
    actual: r === undefined ? 'not measured' : `${r.toFixed(2)} ×`,
  };
}

/** The targets of issue 4, point 7, each met or not. `peakRssBytes` is the API process's peak. */
export function evaluateTargets(
  results: readonly ScenarioResult[],
  peakRssBytes: number | undefined,
): Target[] {
  const at64 = results.filter((r) => r.scenario !== 'by_id_many_connections');
  const worstP99 = at64.length > 0 ? Math.max(...at64.map((r) => r.api.p99)) : undefined;
  const many = byScenario(results, 'by_id_many_connections');
  const manyFailures = many ? many.api.errors + many.api.non2xx : undefined;
  const rssMb = peakRssBytes === undefined ? undefined : peakRssBytes / 1024 / 1024;
  return [
    ratioTarget(results, 'by_id_cold', 'by_id', 0.5, 'GET task by id (cold)'),
    ratioTarget(results, 'list', 'list', 0.5, 'GET tasks list'),
    ratioTarget(results, 'by_id_cached', 'by_id_cached', 0.8, 'GET task by id (cached)'),
    {
      id: 'p99',
      description: `p99 ≤ 20 ms at ${at64[0]?.connections ?? 64} connections (worst API run)`,
      met: worstP99 !== undefined && worstP99 <= 20,
      actual: worstP99 === undefined ? 'not measured' : `${worstP99} ms`,
    },
    {
      id: 'many_connections',
      description: `${many?.connections ?? 1000} keep-alive connections without errors`,
      met: manyFailures === 0,
      actual:
        manyFailures === undefined ? 'not measured' : `${manyFailures} errors (timeouts included) or non-2xx`,
    },
    {
      id: 'rss',
      description: 'API peak RSS ≤ 256 MB',
      met: rssMb !== undefined && rssMb <= 256,
      actual: rssMb === undefined ? 'not measured' : `${rssMb.toFixed(0)} MB`,
    },
  ];
}
