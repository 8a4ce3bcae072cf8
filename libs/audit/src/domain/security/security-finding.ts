export const FINDING_TYPES = [
  'access_anomaly',
  'dormant_account',
  'privilege_escalation',
  'session_anomaly',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type SubjectType = 'user' | 'ip' | 'role';

/** What a detector found; the scan stores it as a finding, or refreshes the open finding of the same key. */
export interface DetectedFinding {
  type: FindingType;
  /** The detector rule that fired, e.g. `failed_login_burst_account`. */
  rule: string;
  severity: Severity;
  subjectType: SubjectType;
  subjectId: string;
  summary: string;
  /** Counts, ids, IPs and times: never a secret. */
  evidence: Record<string, unknown>;
  /** One open finding per key: a later scan that finds the same thing refreshes it. */
  dedupeKey: string;
}

/** Thresholds of the detectors (from `SECURITY_SCAN_*`). Every count threshold means "at least". */
export interface ScanThresholds {
  burstWindowMinutes: number;
  failedLoginsPerAccount: number;
  failedLoginsPerIp: number;
  ipWindowHours: number;
  distinctIpsPerAccount: number;
  dormantDays: number;
  sessionDistinctIps: number;
  sessionDistinctAgents: number;
}

/** An authentication event of the audit trail, attributed to a member of the scanned organization. */
export interface AuthEvent {
  id: string;
  at: Date;
  action: string;
  outcome: string;
  userId: string | null;
  /** Null when never known or erased (pseudonymized) since. */
  ip: string | null;
  userAgent: string | null;
  familyId: string | null;
}

/** At most `max` values of a list, so evidence stays small. */
export const sample = <T>(values: Iterable<T>, max = 20): T[] => [...values].slice(0, max);

export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);
