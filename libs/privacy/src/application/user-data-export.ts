import type { AuditDataView } from '@erp/audit';
import type {
  AccountDataView,
  ApiKeyView,
  MembershipDataView,
  RoleGrantDataView,
  SessionDataView,
  SsoLinkDataView,
} from '@erp/identity';
import type { ProjectDataView, TaskDataView } from '@erp/work';

/** Everything the platform holds about one user (data rights: access and portability). */
export interface UserDataExport {
  user_id: string;
  exported_at: string;
  account: AccountDataView;
  memberships: MembershipDataView[];
  role_grants: RoleGrantDataView[];
  sso_links: SsoLinkDataView[];
  api_keys: ApiKeyView[];
  sessions: SessionDataView[];
  idempotency_records: { count: number };
  tasks: TaskDataView[];
  projects: ProjectDataView[];
  /** Rows where the user is the actor or the target: the platform's, then each organization's. */
  audit_trail: AuditDataView[];
}
