import { Injectable } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { AppConfig } from '@erp/platform';
import { detectAccessAnomalies } from '../domain/security/access-anomalies';
import { detectDormantAccounts } from '../domain/security/dormant-accounts';
import { detectPrivilegeEscalation } from '../domain/security/privilege-escalation';
import { SecurityFindingStore, SecurityScanSource } from '../domain/security/scan-ports';
import {
  FINDING_TYPES,
  FindingType,
  ScanThresholds,
  SEVERITIES,
  Severity,
} from '../domain/security/security-finding';
import { detectSessionAnomalies } from '../domain/security/session-anomalies';

const HOUR = 3600 * 1000;

export interface ScanSummary {
  organizationId: string;
  scannedAt: Date;
  /** New open findings. */
  opened: number;
  /** Open findings found again. */
  refreshed: number;
  /** Findings detected by this scan (new or again), by type and by severity. */
  byType: Record<FindingType, number>;
  bySeverity: Record<Severity, number>;
}

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

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Scans one organization (seed 000 §4.2.3) in the open transaction, whose `app.organization_id`
 * must be that organization: runs every detector over its members' recent authentication events,
 * grants and role changes and its members' activity, and stores the findings, refreshing an open
 * finding of the same key instead of adding a duplicate.
 */
@Injectable()
export class RunSecurityScanUseCase {
  constructor(
    private readonly source: SecurityScanSource,
    private readonly store: SecurityFindingStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async execute(organizationId: string): Promise<ScanSummary> {
    const now = this.clock.now();
    const t = scanThresholds(this.config);
    const lookback = this.config.SECURITY_SCAN_LOOKBACK_HOURS;
    const since = new Date(now.getTime() - lookback * HOUR);
    const eventsSince = new Date(now.getTime() - Math.max(lookback, t.ipWindowHours) * HOUR);
    const events = await this.source.authEvents(organizationId, eventsSince);
    const members = await this.source.members(organizationId);
    const grants = await this.source.grantsSince(organizationId, since);
    const changes = await this.source.roleChangesSince(organizationId, since);
    const findings = [
      ...detectAccessAnomalies(events, t),
      ...detectSessionAnomalies(events, t),
      ...detectDormantAccounts(members, t, now),
      ...detectPrivilegeEscalation(grants, changes),
    ];
    const stored = await this.store.save(organizationId, findings, now);
    const byType = zeros(FINDING_TYPES);
    const bySeverity = zeros(SEVERITIES);
    for (const f of findings) {
      byType[f.type]++;
      bySeverity[f.severity]++;
    }
    return { organizationId, scannedAt: now, ...stored, byType, bySeverity };
  }
}
