import { Injectable, Logger } from '@nestjs/common';
import { JobHandler } from '@erp/platform';
import { ApplyAuditRetentionUseCase } from './apply-audit-retention.use-case';
import { ScanAllOrganizationsUseCase } from './scan-all-organizations.use-case';
import { ScanOrganizationUseCase } from './scan-organization.use-case';

/** The daily audit retention, run by the worker's `audit.retention` schedule. */
@Injectable()
export class AuditRetentionJob extends JobHandler {
  readonly queue = 'audit.retention' as const;
  private readonly logger = new Logger('AuditRetention');

  constructor(private readonly retention: ApplyAuditRetentionUseCase) {
    super();
  }

  async handle(): Promise<void> {
    const outcomes = await this.retention.execute();
    const deleted = outcomes.reduce((sum, o) => sum + o.deleted, 0);
    this.logger.log(`Deleted ${deleted} audit rows older than the retention period`);
  }
}

/** The daily security scan of every active organization (`security.scan-all` schedule). */
@Injectable()
export class SecurityScanAllJob extends JobHandler {
  readonly queue = 'security.scan-all' as const;
  private readonly logger = new Logger('SecurityScan');

  constructor(private readonly scanAll: ScanAllOrganizationsUseCase) {
    super();
  }

  async handle(): Promise<void> {
    const summaries = await this.scanAll.execute();
    const opened = summaries.reduce((sum, s) => sum + s.opened, 0);
    this.logger.log(`Scanned ${summaries.length} organizations: ${opened} new security findings`);
  }
}

/** Scans one organization now (`security.scan` job, `{ organizationId }`), e.g. after an administrator role was granted. */
@Injectable()
export class SecurityScanJob extends JobHandler<{ organizationId: string }> {
  readonly queue = 'security.scan' as const;

  constructor(private readonly scanOne: ScanOrganizationUseCase) {
    super();
  }

  async handle({ organizationId }: { organizationId: string }): Promise<void> {
    await this.scanOne.execute(organizationId);
  }
}
