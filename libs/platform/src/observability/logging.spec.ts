import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { configureLogging } from './logging';

describe('the process logger', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('prints from LOG_LEVEL on, and captures every level as JSON lines into the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'logging-')), 'nested', 'capture.log');
    const printed: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      Logger.overrideLogger(configureLogging({ LOG_LEVEL: 'warn', LOG_CAPTURE_FILE: file }));
      const logger = new Logger('Sso');
      logger.verbose('a trace line');
      logger.debug('a debug line');
      logger.log('an info line with erpk_3fa9c1d2_e5b6a7f8c9d0');
      logger.warn('a warning');
      logger.error('failed', 'Error: boom\n    at x');
      Logger.log('static line');
    } finally {
      stdout.mockRestore();
    }
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map(({ level, context, msg }) => ({ level, context, msg }))).toEqual([
      { level: 'trace', context: 'Sso', msg: 'a trace line' },
      { level: 'debug', context: 'Sso', msg: 'a debug line' },
      { level: 'info', context: 'Sso', msg: 'an info line with [REDACTED]' },
      { level: 'warn', context: 'Sso', msg: 'a warning' },
      { level: 'error', context: 'Sso', msg: 'failed' },
      { level: 'info', context: undefined, msg: 'static line' },
    ]);
    expect(lines[4].err).toMatchObject({ stack: 'Error: boom\n    at x' });
    expect(printed.map((line) => JSON.parse(line).msg)).toEqual(['a warning', 'failed']);
  });
});
