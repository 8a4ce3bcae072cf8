import { CreateIdentity1763800000000 } from './1763800000000-create-identity';
import { CreateWork1763800001000 } from './1763800001000-create-work';
import { CreateUserIdentities1763800002000 } from './1763800002000-create-user-identities';
import { CreateAuditLog1765000000000 } from './1765000000000-create-audit-log';
import { CreateApiKeys1765000001000 } from './1765000001000-create-api-keys';
import { CreatePolicies1765000002000 } from './1765000002000-create-policies';
import { CreateIdempotencyRecords1765000004000 } from './1765000004000-create-idempotency-records';
import { CreateSecurityFindings1765000005000 } from './1765000005000-create-security-findings';
import { AddDataRights1765000006000 } from './1765000006000-add-data-rights';
import { CreateJobMaintenance1765000007000 } from './1765000007000-create-job-maintenance';
import { IndexTasksByStatus1765000008000 } from './1765000008000-index-tasks-by-status';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const migrations = [
  CreateIdentity1763800000000,
  CreateWork1763800001000,
  CreateUserIdentities1763800002000,
  CreateAuditLog1765000000000,
  CreateApiKeys1765000001000,
  CreatePolicies1765000002000,
  CreateIdempotencyRecords1765000004000,
  CreateSecurityFindings1765000005000,
  AddDataRights1765000006000,
  CreateJobMaintenance1765000007000,
  IndexTasksByStatus1765000008000,
];
