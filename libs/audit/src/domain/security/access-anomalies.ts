import { busiestWindow, distinct, groupBy } from './sliding-window';
import { AuthEvent, DetectedFinding, sample, ScanThresholds } from './security-finding';

const MINUTE = 60_000;
const isFailedLogin = (e: AuthEvent): boolean => e.action === 'auth.login' && e.outcome === 'failed';
const isSignIn = (e: AuthEvent): boolean =>
  (e.action === 'auth.login' || e.action === 'auth.refresh') && e.ip !== null;

const span = (events: readonly AuthEvent[]) => ({
  first_at: events[0].at.toISOString(),
  last_at: events[events.length - 1].at.toISOString(),
});

/**
 * Access anomalies: bursts of failed sign-ins for one account or from one IP within the burst
 * window, and one account used from many distinct IPs within the IP window. A burst followed by a
 * successful sign-in of that account (the password may have been guessed), or twice the
 * threshold, is high; otherwise medium.
 */
export function detectAccessAnomalies(events: readonly AuthEvent[], t: ScanThresholds): DetectedFinding[] {
  return [...accountBursts(events, t), ...ipBursts(events, t), ...distinctIps(events, t)];
}

function accountBursts(events: readonly AuthEvent[], t: ScanThresholds): DetectedFinding[] {
  const findings: DetectedFinding[] = [];
  const byUser = groupBy(events.filter(isFailedLogin), (e) => e.userId);
  for (const [userId, failures] of byUser) {
    const burst = busiestWindow(failures, t.burstWindowMinutes * MINUTE);
    if (burst.size < t.failedLoginsPerAccount) continue;
    const last = burst.items[burst.items.length - 1].at.getTime();
    const succeeded = events.some(
      (e) =>
        e.userId === userId &&
        e.action === 'auth.login' &&
        e.outcome === 'success' &&
        e.at.getTime() >= last &&
        e.at.getTime() - last <= t.burstWindowMinutes * MINUTE,
    );
    const ips = distinct(burst.items, (e) => e.ip);
    findings.push({
      type: 'access_anomaly',
      rule: 'failed_login_burst_account',
      severity: succeeded || burst.size >= 2 * t.failedLoginsPerAccount ? 'high' : 'medium',
      subjectType: 'user',
      subjectId: userId,
      summary: `${burst.size} failed sign-ins for one account within ${t.burstWindowMinutes} minutes${
        succeeded ? ', followed by a successful sign-in' : ''
      }`,
      evidence: {
        failed_logins: burst.size,
        window_minutes: t.burstWindowMinutes,
        ...span(burst.items),
        distinct_ips: ips.size,
        ips: sample(ips),
        succeeded_after: succeeded,
      },
      dedupeKey: `failed_login_burst_account:${userId}`,
    });
  }
  return findings;
}

function ipBursts(events: readonly AuthEvent[], t: ScanThresholds): DetectedFinding[] {
  const findings: DetectedFinding[] = [];
  for (const [ip, failures] of groupBy(events.filter(isFailedLogin), (e) => e.ip)) {
    const burst = busiestWindow(failures, t.burstWindowMinutes * MINUTE);
    if (burst.size < t.failedLoginsPerIp) continue;
    const accounts = distinct(burst.items, (e) => e.userId);
    findings.push({
      type: 'access_anomaly',
      rule: 'failed_login_burst_ip',
      severity: burst.size >= 2 * t.failedLoginsPerIp ? 'high' : 'medium',
      subjectType: 'ip',
      subjectId: ip,
      summary: `${burst.size} failed sign-ins from one IP against ${accounts.size} account(s) within ${t.burstWindowMinutes} minutes`,
      evidence: {
        failed_logins: burst.size,
        window_minutes: t.burstWindowMinutes,
        ...span(burst.items),
        accounts: accounts.size,
        user_ids: sample(accounts),
      },
      dedupeKey: `failed_login_burst_ip:${ip}`,
    });
  }
  return findings;
}

function distinctIps(events: readonly AuthEvent[], t: ScanThresholds): DetectedFinding[] {
  const findings: DetectedFinding[] = [];
  for (const [userId, signIns] of groupBy(events.filter(isSignIn), (e) => e.userId)) {
    const busiest = busiestWindow(signIns, t.ipWindowHours * 60 * MINUTE, (e) => e.ip);
    if (busiest.size < t.distinctIpsPerAccount) continue;
    findings.push({
      type: 'access_anomaly',
      rule: 'distinct_ips_account',
      severity: busiest.size >= 2 * t.distinctIpsPerAccount ? 'high' : 'medium',
      subjectType: 'user',
      subjectId: userId,
      summary: `One account used from ${busiest.size} distinct IPs (sign-ins and token refreshes) within ${t.ipWindowHours} hours`,
      evidence: {
        distinct_ips: busiest.size,
        window_hours: t.ipWindowHours,
        sign_ins: busiest.items.length,
        ...span(busiest.items),
        ips: sample(distinct(busiest.items, (e) => e.ip)),
      },
      dedupeKey: `distinct_ips_account:${userId}`,
    });
  }
  return findings;
}
