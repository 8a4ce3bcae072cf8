import { evaluateTargets, ratio, RunResult, ScenarioResult } from './stats';

const run = (rps: number, p99 = 5, failures: Partial<RunResult> = {}): RunResult => ({
  rps,
  p50: 2,
  p99,
  non2xx: 0,
  errors: 0,
  timeouts: 0,
  requests: rps * 10,
  ...failures,
});

const scenario = (s: ScenarioResult['scenario'], api: RunResult, floor?: RunResult): ScenarioResult => ({
  scenario: s,
  connections: s === 'by_id_many_connections' ? 1000 : 64,
  api,
  floor,
  ratio: floor ? ratio(api.rps, floor.rps) : undefined,
});

const byId = (targets: ReturnType<typeof evaluateTargets>) =>
  Object.fromEntries(targets.map((t) => [t.id, t]));

describe('bench result arithmetic', () => {
  it('divides, and has no ratio without a floor or against zero', () => {
    expect(ratio(500, 1000)).toBe(0.5);
    expect(ratio(500, undefined)).toBeUndefined();
    expect(ratio(500, 0)).toBeUndefined();
  });

  it('marks every target met when the run meets them, at the exact thresholds', () => {
    const targets = byId(
      evaluateTargets(
        [
          scenario('by_id_cold', run(500, 20), run(1000)),
          scenario('by_id_cached', run(800), run(1000)),
          scenario('list', run(300), run(600)),
          scenario('create', run(200), run(1000)),
          scenario('by_id_many_connections', run(900, 300)),
        ],
        256 * 1024 * 1024,
      ),
    );
    expect(Object.values(targets).every((t) => t.met)).toBe(true);
    expect(targets.by_id.actual).toBe('0.50 ×');
    expect(targets.p99.actual).toBe('20 ms');
    expect(targets.rss.actual).toBe('256 MB');
  });

  it('marks each missed target: ratios, p99 at 64 connections only, errors at 1,000, RSS', () => {
    const targets = byId(
      evaluateTargets(
        [
          scenario('by_id_cold', run(499), run(1000)),
          scenario('by_id_cached', run(799), run(1000)),
          scenario('list', run(100), run(600)),
          scenario('create', run(200, 21), run(1000)),
          scenario('by_id_many_connections', run(900, 5, { errors: 3, timeouts: 3 })),
        ],
        257 * 1024 * 1024,
      ),
    );
    expect(Object.values(targets).filter((t) => t.met)).toEqual([]);
    expect(targets.p99.actual).toBe('21 ms');
    expect(targets.many_connections.actual).toMatch(/^3 errors/);
  });

  it('counts non-2xx answers at 1,000 connections as failures, and says what was not measured', () => {
    const targets = byId(
      evaluateTargets([scenario('by_id_many_connections', run(900, 5, { non2xx: 1 }))], undefined),
    );
    expect(targets.many_connections.met).toBe(false);
    expect(targets.by_id).toMatchObject({ met: false, actual: 'not measured' });
    expect(targets.rss).toMatchObject({ met: false, actual: 'not measured' });
  });
});
