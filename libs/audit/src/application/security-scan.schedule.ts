import { Injectable } from '@nestjs/common';
import { AppConfig } from '@erp/platform';
import { DailySchedule } from './daily-schedule';
import { ScanAllOrganizationsUseCase } from './scan-all-organizations.use-case';

/** Scans every organization two minutes after start and then daily, in process; off in tests. */
@Injectable()
export class SecurityScanSchedule extends DailySchedule {
  constructor(
    private readonly scanAll: ScanAllOrganizationsUseCase,
    private readonly config: AppConfig,
  ) {
    super('SecurityScan', 120_000);
  }

  protected enabled(): boolean {
    return this.config.NODE_ENV !== 'test' && this.config.SECURITY_SCAN_DAILY;
  }

  protected async run(): Promise<void> {
    const summaries = await this.scanAll.execute();
    const opened = summaries.reduce((sum, s) => sum + s.opened, 0);
    this.logger.log(`Scanned ${summaries.length} organizations: ${opened} new security findings`);
  }
}
