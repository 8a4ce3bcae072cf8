import { Injectable } from '@nestjs/common';
import { AuditContext, RequestTransaction } from '@erp/platform';
import { RunSecurityScanUseCase, ScanSummary } from './run-security-scan.use-case';

/**
 * Scans one organization in a transaction of its own, scoped to that organization (row-level
 * security applies as for its own members), and records new findings in its audit trail. For the
 * scheduled scan and the `security.scan` job.
 */
@Injectable()
export class ScanOrganizationUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly scan: RunSecurityScanUseCase,
    private readonly audit: AuditContext,
  ) {}

  async execute(organizationId: string): Promise<ScanSummary> {
    return this.transaction.run({ organizationId, userId: null, platformAdmin: false }, async () => {
      const summary = await this.scan.execute(organizationId);
      if (summary.opened > 0) {
        await this.audit.record({
          action: 'security.scan',
          outcome: 'success',
          actor: { type: 'system', userId: null },
          details: { opened: summary.opened, refreshed: summary.refreshed, by_type: summary.byType },
        });
      }
      return summary;
    });
  }
}
