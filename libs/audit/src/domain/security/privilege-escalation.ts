import { DetectedFinding, Severity } from './security-finding';

/** A role grant made in the look-back period. */
export interface RecentGrant {
  id: string;
  userId: string;
  roleId: string;
  roleCode: string;
  /** The role's effective level (its own or an ancestor's, whichever is higher). */
  level: string;
  grantedBy: string | null;
  source: string;
  grantedAt: Date;
  /** The creator's `admin` grant made with the organization itself: expected, never a finding. */
  founding: boolean;
}

/** A successful `role.update` of the audit trail, with the changed fields before and after. */
export interface RoleChange {
  auditId: string;
  roleId: string;
  actorId: string | null;
  at: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const LEVELS = ['member', 'manager', 'admin'];
/** Permissions that hand out access or hide tracks: adding one to a role is high severity. */
const SENSITIVE = /^(role|user|policy|audit|security|authorization):|^organization:update$/;

/**
 * Privilege escalation: grants of admin-level roles, self-grants (someone granting a role to
 * themselves: critical for an admin-level role, else high) and roles broadened by an update
 * (permissions added or level raised: high when sensitive permissions or the admin level are
 * added, else medium).
 */
export function detectPrivilegeEscalation(
  grants: readonly RecentGrant[],
  changes: readonly RoleChange[],
): DetectedFinding[] {
  return [...grants.flatMap(grantFinding), ...changes.flatMap(broadening)];
}

function grantFinding(g: RecentGrant): DetectedFinding[] {
  if (g.founding) return [];
  const admin = g.level === 'admin';
  const self = g.grantedBy !== null && g.grantedBy === g.userId;
  if (!admin && !self) return [];
  const evidence = {
    grant_id: g.id,
    role_id: g.roleId,
    role_code: g.roleCode,
    role_level: g.level,
    granted_by: g.grantedBy,
    source: g.source,
    granted_at: g.grantedAt.toISOString(),
  };
  if (self) {
    return [
      {
        type: 'privilege_escalation',
        rule: 'self_grant',
        severity: admin ? 'critical' : 'high',
        subjectType: 'user',
        subjectId: g.userId,
        summary: `A member granted role '${g.roleCode}' (${g.level} level) to themselves`,
        evidence,
        dedupeKey: `self_grant:${g.id}`,
      },
    ];
  }
  return [
    {
      type: 'privilege_escalation',
      rule: 'admin_grant',
      severity: 'high',
      subjectType: 'user',
      subjectId: g.userId,
      summary: `Admin-level role '${g.roleCode}' granted`,
      evidence,
      dedupeKey: `admin_grant:${g.id}`,
    },
  ];
}

const stringsOf = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;

function broadening(c: RoleChange): DetectedFinding[] {
  const before = stringsOf(c.before?.permissions);
  const after = stringsOf(c.after?.permissions);
  const added = before && after ? after.filter((p) => !before.includes(p)).sort() : [];
  const levelBefore = LEVELS.indexOf(String(c.before?.level));
  const levelAfter = LEVELS.indexOf(String(c.after?.level));
  const raised = levelBefore >= 0 && levelAfter > levelBefore;
  if (added.length === 0 && !raised) return [];
  const severe = added.some((p) => SENSITIVE.test(p)) || (raised && LEVELS[levelAfter] === 'admin');
  const severity: Severity = severe ? 'high' : 'medium';
  const what = [
    added.length > 0 ? `${added.length} permission(s) added` : null,
    raised ? `level raised to ${LEVELS[levelAfter]}` : null,
  ].filter(Boolean);
  return [
    {
      type: 'privilege_escalation',
      rule: 'role_broadened',
      severity,
      subjectType: 'role',
      subjectId: c.roleId,
      summary: `Role broadened: ${what.join(', ')}`,
      evidence: {
        audit_log_id: c.auditId,
        changed_by: c.actorId,
        changed_at: c.at.toISOString(),
        added_permissions: added,
        ...(raised ? { level_before: LEVELS[levelBefore], level_after: LEVELS[levelAfter] } : {}),
      },
      dedupeKey: `role_broadened:${c.auditId}`,
    },
  ];
}
