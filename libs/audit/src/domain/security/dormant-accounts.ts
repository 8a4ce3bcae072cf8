import { DetectedFinding, ScanThresholds } from './security-finding';

const DAY = 24 * 3600 * 1000;

/** An active member of the organization and the last time the account was seen signing in or acting. */
export interface MemberActivity {
  userId: string;
  joinedAt: Date;
  lastSeenAt: Date | null;
  /** Holds a role of level `admin` (its own or inherited) in the organization. */
  adminLevel: boolean;
}

/**
 * Dormant accounts: members for at least `dormantDays` days with no sign-in (nor any recorded
 * activity) in that time. An idle account with an admin-level role is medium, others low.
 */
export function detectDormantAccounts(
  members: readonly MemberActivity[],
  t: ScanThresholds,
  now: Date,
): DetectedFinding[] {
  const cutoff = now.getTime() - t.dormantDays * DAY;
  return members
    .filter(
      (m) => m.joinedAt.getTime() <= cutoff && (m.lastSeenAt === null || m.lastSeenAt.getTime() <= cutoff),
    )
    .map((m) => ({
      type: 'dormant_account' as const,
      rule: 'dormant_account',
      severity: m.adminLevel ? ('medium' as const) : ('low' as const),
      subjectType: 'user' as const,
      subjectId: m.userId,
      summary: m.lastSeenAt
        ? `No sign-in for ${Math.floor((now.getTime() - m.lastSeenAt.getTime()) / DAY)} days`
        : `Never signed in since joining ${Math.floor((now.getTime() - m.joinedAt.getTime()) / DAY)} days ago`,
      evidence: {
        last_seen_at: m.lastSeenAt?.toISOString() ?? null,
        joined_at: m.joinedAt.toISOString(),
        dormant_days_threshold: t.dormantDays,
        admin_level: m.adminLevel,
      },
      dedupeKey: `dormant_account:${m.userId}`,
    }));
}
