import { Injectable, Logger } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { ScannedOrganizations } from '../domain/security/scan-ports';
import { ScanSummary } from './run-security-scan.use-case';
import { ScanOrganizationUseCase } from './scan-organization.use-case';

const PLATFORM = { organizationId: null, userId: null, platformAdmin: true };

/**
 * The scheduled scan: every active organization in a transaction of its own (see
 * ScanOrganizationUseCase). A failure is logged and the next organization is scanned.
 */
@Injectable()
export class ScanAllOrganizationsUseCase {
  private readonly logger = new Logger('SecurityScan');

  constructor(
    private readonly transaction: RequestTransaction,
    private readonly organizations: ScannedOrganizations,
    private readonly scanOne: ScanOrganizationUseCase,
  ) {}

  async execute(): Promise<ScanSummary[]> {
    const ids = await this.transaction.run(PLATFORM, () => this.organizations.activeIds());
    const summaries: ScanSummary[] = [];
    for (const organizationId of ids) {
      try {
        summaries.push(await this.scanOne.execute(organizationId));
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
