import { Injectable, Logger } from '@nestjs/common';
import { AuditContext, RequestTransaction } from '@erp/platform';
import { ScannedOrganizations } from '../domain/security/scan-ports';
import { RunSecurityScanUseCase, ScanSummary } from './run-security-scan.use-case';

const PLATFORM = { organizationId: null, userId: null, platformAdmin: true };

/**
 * The scheduled scan: every active organization in a transaction of its own, scoped to that
 * organization (row-level security applies as for its own members). A failure is logged and the
 * next organization is scanned. New findings are recorded in the organization's audit trail.
 */
@Injectable()
export class ScanAllOrganizationsUseCase {
  private readonly logger = new Logger('SecurityScan');

  constructor(
    private readonly transaction: RequestTransaction,
    private readonly organizations: ScannedOrganizations,
    private readonly scan: RunSecurityScanUseCase,
    private readonly audit: AuditContext,
  ) {}

  async execute(): Promise<ScanSummary[]> {
    const ids = await this.transaction.run(PLATFORM, () => this.organizations.activeIds());
    const summaries: ScanSummary[] = [];
    for (const organizationId of ids) {
      try {
        summaries.push(
          await this.transaction.run({ organizationId, userId: null, platformAdmin: false }, async () => {
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
          }),
        );
      } catch (error) {
        this.logger.error(
          `Security scan of organization ${organizationId} failed`,
          error instanceof Error ? error.stack : String(error),
        );
      }
    }
    return summaries;
  }
}
