import { ConsoleLogger, Logger } from '@nestjs/common';
import type { AppConfig } from '@erp/platform';
import type { ApplyAuditRetentionUseCase } from './apply-audit-retention.use-case';
import { AuditRetentionSchedule } from './audit-retention.schedule';

describe('audit retention schedule', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(new ConsoleLogger()));
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const setup = (env: AppConfig['NODE_ENV'], fails = false) => {
    const execute = jest.fn(() => (fails ? Promise.reject(new Error('down')) : Promise.resolve([])));
    const schedule = new AuditRetentionSchedule(
      { execute } as unknown as ApplyAuditRetentionUseCase,
      { NODE_ENV: env } as AppConfig,
    );
    return { execute, schedule };
  };

  it('runs a minute after start, then daily, on timers that never hold the process, until shutdown', async () => {
    const { execute, schedule } = setup('production');
    schedule.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(59_000);
    expect(execute).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(execute).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(24 * 3600 * 1000);
    expect(execute).toHaveBeenCalledTimes(2);
    schedule.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(2 * 24 * 3600 * 1000);
    expect(execute).toHaveBeenCalledTimes(2);
  });

  it('keeps its schedule when a run fails', async () => {
    const { execute, schedule } = setup('production', true);
    schedule.schedule(10);
    await jest.advanceTimersByTimeAsync(10 + 24 * 3600 * 1000);
    expect(execute).toHaveBeenCalledTimes(2);
    schedule.onApplicationShutdown();
  });

  it('does not schedule itself in tests', async () => {
    const { execute, schedule } = setup('test');
    schedule.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(2 * 24 * 3600 * 1000);
    expect(execute).not.toHaveBeenCalled();
  });
});
