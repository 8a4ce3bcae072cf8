export { AuditModule } from './audit.module';
export { ApplyAuditRetentionUseCase } from './application/apply-audit-retention.use-case';
export { PseudonymizeAuditUserUseCase } from './application/pseudonymize-audit-user.use-case';
export { ScanAllOrganizationsUseCase } from './application/scan-all-organizations.use-case';
export type { ScanSummary } from './application/run-security-scan.use-case';
export { VerifyAuditChainUseCase } from './application/verify-audit-chain.use-case';
export type { VerificationResult } from './domain/chain-verifier';
export { AuditDataQueries } from './infrastructure/audit-data.queries';
export type { AuditDataView } from './infrastructure/audit-data.queries';
