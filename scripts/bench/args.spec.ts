import { DEFAULT_OPTIONS, parseArgs } from './args';

describe('bench arguments', () => {
  it('defaults to the full data set: 100 organizations, 1,000,000 tasks, 64 and 1,000 connections', () => {
    expect(parseArgs([])).toEqual(DEFAULT_OPTIONS);
    expect(DEFAULT_OPTIONS).toMatchObject({
      tasks: 1_000_000,
      organizations: 100,
      connections: 64,
      manyConnections: 1000,
    });
  });

  it('reads `--name value`, `--name=value`, underscores in numbers and flags', () => {
    const options = parseArgs([
      '--tasks',
      '100_000',
      '--duration=3',
      '--warmup',
      '0',
      '--reseed',
      '--skip-build',
    ]);
    expect(options).toMatchObject({ tasks: 100_000, duration: 3, warmup: 0, reseed: true, skipBuild: true });
    expect(parseArgs(['--database', 'erp_bench_small']).database).toBe('erp_bench_small');
  });

  it('refuses unknown options, missing values and values out of range', () => {
    expect(() => parseArgs(['--task', '5'])).toThrow(/Unknown option --task/);
    expect(() => parseArgs(['--tasks'])).toThrow(/--tasks needs a value/);
    expect(() => parseArgs(['--tasks', 'many'])).toThrow(/--tasks: expected an integer ≥ 1/);
    expect(() => parseArgs(['--duration', '0'])).toThrow(/--duration/);
    expect(() => parseArgs(['--tasks', '10', '--organizations', '100'])).toThrow(/at least --organizations/);
  });

  it('accepts only plain database names (they are quoted into CREATE DATABASE)', () => {
    expect(() => parseArgs(['--database', 'bench"; drop'])).toThrow(/not a plain database name/);
  });
});
