import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { AppLogger } from './app-logger';

describe('AppLogger', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('captures every level into the file, with the context, even when LOG_LEVEL prints nothing', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'app-logger-')), 'nested', 'capture.log');
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      Logger.overrideLogger(new AppLogger([], file));
      const logger = new Logger('Sso');
      logger.debug('a debug line');
      logger.warn('a warning', { subject: 's1' });
      logger.error('failed', 'Error: boom\n    at x');
      Logger.log('static line');
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'debug [Sso] a debug line',
      "warn [Sso] a warning { subject: 's1' }",
      'error [Sso] failed Error: boom',
      '    at x',
      'log static line',
    ]);
  });

  it('writes no file without a capture path', () => {
    expect(() => new AppLogger(['log']).debug('nothing')).not.toThrow();
  });
});
