import { Scenario, TestApp } from '@erp/test-support';

export const ATTACKER_IP = '203.0.113.7';

const from = (ip: string, agent = 'test-agent/1.0') => ({ 'x-forwarded-for': ip, 'user-agent': agent });

/** The thresholds the seeded anomalies are sized for. */
export const SCAN_ENV = {
  TRUSTED_PROXIES: '127.0.0.1',
  LOGIN_MAX_FAILURES: '100',
  SECURITY_SCAN_FAILED_LOGINS_PER_ACCOUNT: '4',
  SECURITY_SCAN_FAILED_LOGINS_PER_IP: '5',
  SECURITY_SCAN_DISTINCT_IPS_PER_ACCOUNT: '3',
  SECURITY_SCAN_SESSION_DISTINCT_IPS: '2',
  SECURITY_SCAN_SESSION_DISTINCT_AGENTS: '2',
  SECURITY_SCAN_DORMANT_DAYS: '30',
};

/**
 * Three organizations: `org` with one of every anomaly (seeded through the API, and a dormant
 * member through the database), `quiet` with none, `other` with a self-grant of its own.
 */
export async function seedAnomalies(t: TestApp, s: Scenario) {
  const secrets: string[] = [];
  const login = (email: string, password: string, ip: string, agent?: string) =>
    t.http.post('/api/v1/auth/token/obtain', { username: email, password }, { headers: from(ip, agent) });
  const refresh = (token: string, ip: string, agent?: string) =>
    t.http.post('/api/v1/auth/token/refresh', { refresh_token: token }, { headers: from(ip, agent) });

  const org = await s.createOrganization();
  const quiet = await s.createOrganization();
  const other = await s.createOrganization();
  const founderId = (await t.http.get('/api/v1/auth/me', { token: org.adminToken })).body.data.id;
  const orgAdmin = await s.addMember(org.id, { roles: ['admin'] });
  const member = await s.addMember(org.id, { roles: ['member'] });
  const victim = await s.addMember(org.id, { roles: ['member'] });
  const roamer = await s.addMember(org.id, { roles: ['member'] });
  const traveler = await s.addMember(org.id, { roles: ['member'] });
  const reuser = await s.addMember(org.id, { roles: ['member'] });
  const outsider = await s.addMember(other.id, { roles: ['member'] });
  await s.addMember(quiet.id, { roles: ['member'] });

  // Access anomalies: a burst of failed sign-ins for the victim from one IP ...
  for (let i = 0; i < 5; i++)
    expect((await login(victim.email, 'wrong-password', ATTACKER_IP)).status).toBe(401);
  // ... an unknown account from the same IP (attributed to no organization) ...
  await login('nobody@test.local', 'wrong-password', ATTACKER_IP);
  // ... and a member signing in from three IPs.
  for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
    expect((await login(roamer.email, roamer.password, ip)).status).toBe(200);

  // Session anomalies: one refresh family used from two IPs and agents; a reused refresh token.
  const first = await login(traveler.email, traveler.password, '192.0.2.10', 'laptop/1.0');
  const second = await refresh(first.body.data.refresh_token, '192.0.2.10', 'laptop/1.0');
  secrets.push(first.body.data.refresh_token, second.body.data.refresh_token, second.body.data.access_token);
  expect((await refresh(second.body.data.refresh_token, '192.0.2.99', 'curl/8.0')).status).toBe(200);
  const r1 = await login(reuser.email, reuser.password, '127.0.0.1');
  await refresh(r1.body.data.refresh_token, '127.0.0.1');
  expect((await refresh(r1.body.data.refresh_token, '127.0.0.1')).status).toBe(401);

  // Privilege escalation: a self-grant, a broadened role (the admin grant came with orgAdmin).
  const role = await t.http.post(
    `/api/v1/organizations/${org.id}/roles`,
    { code: 'ops', name: 'Ops', permissions: ['task:read'] },
    { token: org.adminToken },
  );
  const roleId = role.body.data.id;
  const patched = await t.http.patch(
    `/api/v1/organizations/${org.id}/roles/${roleId}`,
    { permissions: ['task:read', 'task:update', 'role:assign'] },
    { token: org.adminToken },
  );
  expect(patched.status).toBe(200);
  const self = await t.http.post(
    `/api/v1/organizations/${org.id}/users/${founderId}/roles`,
    { role_id: roleId },
    { token: org.adminToken },
  );
  expect(self.status).toBe(201);

  // Dormant: a member added without a password (never signed in), who joined 60 days ago.
  const added = await t.http.post(
    `/api/v1/organizations/${org.id}/users`,
    { email: 'sleeper@test.local', full_name: 'Sleeper' },
    { token: org.adminToken },
  );
  const dormantId = added.body.data.id;
  await t.ownerQuery(`update memberships set joined_at = now() - interval '60 days' where user_id = $1`, [
    dormantId,
  ]);

  // The other organization gets a finding of its own (a self-grant of its founder).
  const otherRole = await t.http.post(
    `/api/v1/organizations/${other.id}/roles`,
    { code: 'x', name: 'X', permissions: ['task:read'] },
    { token: other.adminToken },
  );
  await t.http.post(
    `/api/v1/organizations/${other.id}/users/${founderId}/roles`,
    { role_id: otherRole.body.data.id },
    { token: other.adminToken },
  );
  return {
    org,
    quiet,
    other,
    founderId,
    orgAdmin,
    member,
    victim,
    roamer,
    traveler,
    reuser,
    outsider,
    roleId,
    dormantId,
    secrets,
  };
}
