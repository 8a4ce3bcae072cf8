/*
 * Jest `setupFiles` of every tier: with TEST_LOG_CAPTURE set (by `npm test`), whatever code under
 * test logs through Nest's Logger is also appended, as the app's JSON lines, to
 * TEST_LOG_CAPTURE/<pid>.log, where scripts/test-logs.ts looks for secrets after the run. Apps
 * started by startTestApp or spawnApp do the same through LOG_CAPTURE_FILE. Without the variable,
 * nothing changes.
 */
import { Logger } from '@nestjs/common';
import { configureLogging } from '@erp/platform/observability/logging';
import { logCaptureFile } from './log-capture';

const file = logCaptureFile();
if (file)
  Logger.overrideLogger(
    configureLogging({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', LOG_CAPTURE_FILE: file }),
  );
