import { Module } from '@nestjs/common';
import { AuditTrail } from '@erp/platform';
import { ApplyAuditRetentionUseCase } from './application/apply-audit-retention.use-case';
import { AuditRetentionJob, SecurityScanAllJob, SecurityScanJob } from './application/audit.jobs';
import { PseudonymizeAuditUserUseCase } from './application/pseudonymize-audit-user.use-case';
import { RunSecurityScanUseCase } from './application/run-security-scan.use-case';
import { ScanAllOrganizationsUseCase } from './application/scan-all-organizations.use-case';
import { ScanOrganizationUseCase } from './application/scan-organization.use-case';
import { VerifyAuditChainUseCase } from './application/verify-audit-chain.use-case';
import { AuditChainReader, AuditMaintenance } from './domain/ports';
import { AuditDataQueries } from './infrastructure/audit-data.queries';
import { ScannedOrganizations, SecurityFindingStore, SecurityScanSource } from './domain/security/scan-ports';
import { AuditLogQueries } from './infrastructure/audit-log.queries';
import { SqlAuditChainReader } from './infrastructure/sql-audit-chain.reader';
import { SqlAuditMaintenance } from './infrastructure/sql-audit-maintenance';
import { SqlAuditTrail } from './infrastructure/sql-audit-trail';
import { SecurityFindingQueries } from './infrastructure/security-finding.queries';
import { SqlSecurityFindingStore } from './infrastructure/sql-security-finding.store';
import { SqlScannedOrganizations, SqlSecurityScanSource } from './infrastructure/sql-security-scan.source';
import { AuditLogsController } from './presentation/audit-logs.controller';
import { SecurityController } from './presentation/security.controller';

/**
 * The audit trail (writes the platform's audit entries, serves, verifies and ages them) and the
 * security scans that look through it for findings.
 */
@Module({
  controllers: [AuditLogsController, SecurityController],
  providers: [
    { provide: AuditTrail, useClass: SqlAuditTrail },
    { provide: AuditChainReader, useClass: SqlAuditChainReader },
    { provide: AuditMaintenance, useClass: SqlAuditMaintenance },
    AuditLogQueries,
    AuditDataQueries,
    VerifyAuditChainUseCase,
    ApplyAuditRetentionUseCase,
    PseudonymizeAuditUserUseCase,
    AuditRetentionJob,
    { provide: SecurityScanSource, useClass: SqlSecurityScanSource },
    { provide: SecurityFindingStore, useClass: SqlSecurityFindingStore },
    { provide: ScannedOrganizations, useClass: SqlScannedOrganizations },
    SecurityFindingQueries,
    RunSecurityScanUseCase,
    ScanOrganizationUseCase,
    ScanAllOrganizationsUseCase,
    SecurityScanAllJob,
    SecurityScanJob,
  ],
  exports: [
    AuditTrail,
    VerifyAuditChainUseCase,
    ApplyAuditRetentionUseCase,
    PseudonymizeAuditUserUseCase,
    ScanAllOrganizationsUseCase,
    AuditDataQueries,
  ],
})
export class AuditModule {}
