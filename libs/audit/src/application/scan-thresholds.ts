import type { AppConfig } from '@erp/platform';
import type { ScanThresholds } from '../domain/security/security-finding';

/** The detectors' thresholds from the `SECURITY_SCAN_*` settings. */
export const scanThresholds = (c: AppConfig): ScanThresholds => ({
  burstWindowMinutes: c.SECURITY_SCAN_BURST_WINDOW_MINUTES,
  failedLoginsPerAccount: c.SECURITY_SCAN_FAILED_LOGINS_PER_ACCOUNT,
  failedLoginsPerIp: c.SECURITY_SCAN_FAILED_LOGINS_PER_IP,
  ipWindowHours: c.SECURITY_SCAN_IP_WINDOW_HOURS,
  distinctIpsPerAccount: c.SECURITY_SCAN_DISTINCT_IPS_PER_ACCOUNT,
  dormantDays: c.SECURITY_SCAN_DORMANT_DAYS,
  sessionDistinctIps: c.SECURITY_SCAN_SESSION_DISTINCT_IPS,
  sessionDistinctAgents: c.SECURITY_SCAN_SESSION_DISTINCT_AGENTS,
});
