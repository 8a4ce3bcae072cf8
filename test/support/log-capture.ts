import { join, resolve } from 'node:path';

/** This process's capture file when `TEST_LOG_CAPTURE` names a folder (see scripts/test-logs.ts). */
export function logCaptureFile(): string | undefined {
  const dir = process.env.TEST_LOG_CAPTURE;
  return dir ? join(resolve(dir), `${process.pid}.log`) : undefined;
}
