/*
 * Jest `setupFiles` of every tier: with TEST_LOG_CAPTURE set (by `npm test`), whatever code under
 * test logs through Nest's Logger is also appended to TEST_LOG_CAPTURE/<pid>.log, where
 * scripts/test-logs.ts looks for secrets after the run. Apps started by startTestApp do the same
 * through LOG_CAPTURE_FILE. Without the variable, nothing changes.
 */
import { Logger } from '@nestjs/common';
import { AppLogger } from '@erp/platform/observability/app-logger';
import { logCaptureFile } from './log-capture';

const file = logCaptureFile();
if (file) Logger.overrideLogger(new AppLogger(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'], file));
