import { Module } from '@nestjs/common';
import { AuditTrail } from '@erp/platform';
import { ApplyAuditRetentionUseCase } from './application/apply-audit-retention.use-case';
import { AuditRetentionSchedule } from './application/audit-retention.schedule';
import { PseudonymizeAuditUserUseCase } from './application/pseudonymize-audit-user.use-case';
import { VerifyAuditChainUseCase } from './application/verify-audit-chain.use-case';
import { AuditChainReader, AuditMaintenance } from './domain/ports';
import { AuditDataQueries } from './infrastructure/audit-data.queries';
import { AuditLogQueries } from './infrastructure/audit-log.queries';
import { SqlAuditChainReader } from './infrastructure/sql-audit-chain.reader';
import { SqlAuditMaintenance } from './infrastructure/sql-audit-maintenance';
import { SqlAuditTrail } from './infrastructure/sql-audit-trail';
import { AuditLogsController } from './presentation/audit-logs.controller';

/** The audit trail: writes the platform's audit entries, serves, verifies and ages them. */
@Module({
  controllers: [AuditLogsController],
  providers: [
    { provide: AuditTrail, useClass: SqlAuditTrail },
    { provide: AuditChainReader, useClass: SqlAuditChainReader },
    { provide: AuditMaintenance, useClass: SqlAuditMaintenance },
    AuditLogQueries,
    AuditDataQueries,
    VerifyAuditChainUseCase,
    ApplyAuditRetentionUseCase,
    PseudonymizeAuditUserUseCase,
    AuditRetentionSchedule,
  ],
  exports: [
    AuditTrail,
    VerifyAuditChainUseCase,
    ApplyAuditRetentionUseCase,
    PseudonymizeAuditUserUseCase,
    AuditDataQueries,
  ],
})
export class AuditModule {}
