import type { MemberActivity } from './dormant-accounts';
import type { RecentGrant, RoleChange } from './privilege-escalation';
import type { AuthEvent, DetectedFinding } from './security-finding';

/** What a scan reads about the organization of the open transaction. */
export abstract class SecurityScanSource {
  /** Sign-ins, refreshes and refresh-token reuse of the organization's active members since `since`. */
  abstract authEvents(organizationId: string, since: Date): Promise<AuthEvent[]>;
  /** Active members with the last time they were seen signing in or acting. */
  abstract members(organizationId: string): Promise<MemberActivity[]>;
  abstract grantsSince(organizationId: string, since: Date): Promise<RecentGrant[]>;
  abstract roleChangesSince(organizationId: string, since: Date): Promise<RoleChange[]>;
}

export interface StoredFindings {
  /** New open findings. */
  opened: number;
  /** Open findings found again (their evidence and last detection refreshed). */
  refreshed: number;
}

/** Stores findings: one open finding per dedupe key. */
export abstract class SecurityFindingStore {
  abstract save(organizationId: string, findings: DetectedFinding[], at: Date): Promise<StoredFindings>;
}

/** The organizations a scheduled scan goes through. */
export abstract class ScannedOrganizations {
  abstract activeIds(): Promise<string[]>;
}
