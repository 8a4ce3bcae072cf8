import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspect } from 'node:util';
import { ConsoleLogger, LogLevel } from '@nestjs/common';

const text = (value: unknown): string =>
  typeof value === 'string' ? value : inspect(value, { depth: 6, breakLength: Infinity });

/**
 * The app's logger: Nest's console logger at the levels of `LOG_LEVEL`. With a capture file
 * (`LOG_CAPTURE_FILE`, tests only), every line at every level — printed or not — is also appended
 * to that file, so the test run can prove that nothing the app logs carries a secret.
 */
export class AppLogger extends ConsoleLogger {
  constructor(
    levels: LogLevel[],
    private readonly captureFile?: string,
  ) {
    super({ logLevels: levels });
    if (captureFile) mkdirSync(dirname(captureFile), { recursive: true });
  }

  override log(message: unknown, ...params: unknown[]): void {
    this.capture('log', message, params);
    super.log(message, ...params);
  }

  override error(message: unknown, ...params: unknown[]): void {
    this.capture('error', message, params);
    super.error(message, ...params);
  }

  override warn(message: unknown, ...params: unknown[]): void {
    this.capture('warn', message, params);
    super.warn(message, ...params);
  }

  override debug(message: unknown, ...params: unknown[]): void {
    this.capture('debug', message, params);
    super.debug(message, ...params);
  }

  override verbose(message: unknown, ...params: unknown[]): void {
    this.capture('verbose', message, params);
    super.verbose(message, ...params);
  }

  override fatal(message: unknown, ...params: unknown[]): void {
    this.capture('fatal', message, params);
    super.fatal(message, ...params);
  }

  private capture(level: LogLevel, message: unknown, params: unknown[]): void {
    if (!this.captureFile) return;
    // Nest's Logger appends its context as the last parameter.
    const rest = [...params];
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? (rest.pop() as string) : '';
    const head = `${new Date().toISOString()} ${level}${context ? ` [${context}]` : ''}`;
    const line = [head, message, ...rest].map(text).join(' ');
    appendFileSync(this.captureFile, `${line}\n`);
  }
}
