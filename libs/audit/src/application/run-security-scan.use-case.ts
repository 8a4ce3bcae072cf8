import { Injectable } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { AppConfig } from '@erp/platform';
import { detectAccessAnomalies } from '../domain/security/access-anomalies';
import { detectDormantAccounts } from '../domain/security/dormant-accounts';
import { detectPrivilegeEscalation } from '../domain/security/privilege-escalation';
import { SecurityFindingStore, SecurityScanSource } from '../domain/security/scan-ports';
import { FINDING_TYPES, FindingType, SEVERITIES, Severity } from '../domain/security/security-finding';
import { detectSessionAnomalies } from '../domain/security/session-anomalies';
import { scanThresholds } from './scan-thresholds';

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

  /** `types`: the kinds of findings to look for (default: all). */
  async execute(organizationId: string, types: readonly FindingType[] = FINDING_TYPES): Promise<ScanSummary> {
    const now = this.clock.now();
    const t = scanThresholds(this.config);
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR);
    const since = hoursAgo(this.config.SECURITY_SCAN_LOOKBACK_HOURS);
    const wants = (type: FindingType) => types.includes(type);
    const events =
      wants('access_anomaly') || wants('session_anomaly')
        ? await this.source.authEvents(
            organizationId,
            hoursAgo(Math.max(this.config.SECURITY_SCAN_LOOKBACK_HOURS, t.ipWindowHours)),
          )
        : [];
    const findings = [
      ...(wants('access_anomaly') ? detectAccessAnomalies(events, t) : []),
      ...(wants('session_anomaly') ? detectSessionAnomalies(events, t) : []),
      ...(wants('dormant_account')
        ? detectDormantAccounts(await this.source.members(organizationId), t, now)
        : []),
      ...(wants('privilege_escalation')
        ? detectPrivilegeEscalation(
            await this.source.grantsSince(organizationId, since),
            await this.source.roleChangesSince(organizationId, since),
          )
        : []),
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
