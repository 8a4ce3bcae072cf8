import { distinct, groupBy } from './sliding-window';
import { AuthEvent, DetectedFinding, sample, ScanThresholds } from './security-finding';

/**
 * Session anomalies: a refresh-token family (one sign-in's session) refreshed from many distinct
 * IPs or user agents, which suggests a copied token; high when both thresholds are met. A reused
 * refresh token (the family was revoked on the spot) is high too.
 */
export function detectSessionAnomalies(events: readonly AuthEvent[], t: ScanThresholds): DetectedFinding[] {
  const findings: DetectedFinding[] = [];
  const refreshes = events.filter((e) => e.action === 'auth.refresh' && e.outcome === 'success');
  for (const [familyId, uses] of groupBy(refreshes, (e) => e.familyId)) {
    const userId = uses.find((e) => e.userId !== null)?.userId;
    if (!userId) continue;
    const ips = distinct(uses, (e) => e.ip);
    const agents = distinct(uses, (e) => e.userAgent);
    const manyIps = ips.size >= t.sessionDistinctIps;
    const manyAgents = agents.size >= t.sessionDistinctAgents;
    if (!manyIps && !manyAgents) continue;
    findings.push({
      type: 'session_anomaly',
      rule: 'refresh_family_spread',
      severity: manyIps && manyAgents ? 'high' : 'medium',
      subjectType: 'user',
      subjectId: userId,
      summary: `One session (refresh-token family) used from ${ips.size} IPs and ${agents.size} user agents`,
      evidence: {
        family_id: familyId,
        refreshes: uses.length,
        distinct_ips: ips.size,
        distinct_user_agents: agents.size,
        ips: sample(ips),
        user_agents: sample(
          [...agents].map((a) => a.slice(0, 200)),
          10,
        ),
      },
      dedupeKey: `refresh_family_spread:${familyId}`,
    });
  }
  const reuses = events.filter((e) => e.action === 'auth.refresh_reuse');
  for (const [familyId, reused] of groupBy(reuses, (e) => e.familyId)) {
    const userId = reused.find((e) => e.userId !== null)?.userId;
    if (!userId) continue;
    findings.push({
      type: 'session_anomaly',
      rule: 'refresh_token_reuse',
      severity: 'high',
      subjectType: 'user',
      subjectId: userId,
      summary: 'A used refresh token was presented again; its session was revoked',
      evidence: {
        family_id: familyId,
        reuses: reused.length,
        first_at: reused[0].at.toISOString(),
        ips: sample(distinct(reused, (e) => e.ip)),
      },
      dedupeKey: `refresh_token_reuse:${familyId}`,
    });
  }
  return findings;
}
