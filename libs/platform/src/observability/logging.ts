import { DynamicModule, LoggerService, Module } from '@nestjs/common';
import { Logger, LoggerModule, Params, PinoLogger } from 'nestjs-pino';
import pino, { LevelWithSilent, LoggerOptions } from 'pino';
import { logMixin } from './log-fields';
import { LogOutputSettings, logSink } from './log-output';
import { REDACTED, redactPaths } from './log-redaction';

/** How every log line is made: one JSON object with level, time, msg, context and the mixin's fields. */
export const LOG_OPTIONS: LoggerOptions = {
  messageKey: 'msg',
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  mixin: logMixin,
  redact: { paths: redactPaths(), censor: REDACTED },
};

/**
 * nestjs-pino's parameters: the process's root logger writes through `logSink`. Its per-request
 * middleware is not mounted (`forRoutes: []`): under Fastify its request context does not reach
 * the handlers, so request fields come from CLS through `logMixin` instead, and the access line
 * is written by the API's `onResponse` hook.
 */
const PARAMS: Params = {
  pinoHttp: [{ ...LOG_OPTIONS, autoLogging: false }, logSink],
  forRoutes: [],
};

/** `LOG_LEVEL` and, in tests, `LOG_CAPTURE_FILE`, as this process's log output. */
export interface LoggingSettings {
  LOG_LEVEL: string;
  LOG_CAPTURE_FILE?: string;
}

/**
 * Points the process's log output at `settings` and returns the Nest logger writing there (for
 * lines before an app exists, and `Logger.overrideLogger` outside an app). nestjs-pino keeps one
 * root logger per process: an app started later in the same process retargets it.
 */
export function configureLogging(settings: LoggingSettings): LoggerService {
  const output: LogOutputSettings = {
    level: settings.LOG_LEVEL as LevelWithSilent,
    captureFile: settings.LOG_CAPTURE_FILE,
  };
  logSink.configure(output);
  const logger = new Logger(new PinoLogger(PARAMS), PARAMS);
  PinoLogger.root.level = logSink.level;
  return logger;
}

/** Whether a line at `level` would be written anywhere (to skip building lines nobody reads). */
export function logLevelEnabled(level: 'info' | 'error'): boolean {
  return PinoLogger.root.isLevelEnabled(level);
}

/**
 * nestjs-pino for an app: `Logger` (Nest's `LoggerService`, for `app.useLogger`) and `PinoLogger`
 * injectable, writing JSON lines through the process's root logger.
 */
@Module({})
export class LoggingModule {
  static forRoot(settings: LoggingSettings): DynamicModule {
    configureLogging(settings);
    return { module: LoggingModule, imports: [LoggerModule.forRoot(PARAMS)] };
  }
}
