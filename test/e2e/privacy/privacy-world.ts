import { randomUUID } from 'node:crypto';
import {
  KeycloakStandin,
  Scenario,
  startKeycloakStandin,
  startTestApp,
  TestApp,
  TestMember,
  TestOrganization,
  TestResponse,
} from '@erp/test-support';

export const SSO_USER = {
  id: randomUUID(),
  username: 'sam',
  password: 'sam-pw',
  email: 'sam@sso.test',
  name: 'Sam Example',
  realmRoles: [],
  clientRoles: {},
};

/** Two organizations; alice (admin in A, member of B) and bob (admin in A), each with a key and tasks. */
export interface PrivacyWorld {
  kc: KeycloakStandin;
  t: TestApp;
  s: Scenario;
  admin: string;
  orgA: TestOrganization;
  orgB: TestOrganization;
  alice: TestMember & { key: string; keyId: string; refresh: string; task: string };
  bob: TestMember & { key: string; task: string };
  exportOf(userId: string, token: string): Promise<TestResponse>;
  erase(userId: string, token: string): Promise<TestResponse>;
  close(): Promise<void>;
}

export async function privacyWorld(): Promise<PrivacyWorld> {
  const kc = await startKeycloakStandin({ users: [SSO_USER] });
  const t = await startTestApp({ OIDC_ISSUERS: kc.issuer, OIDC_AUDIENCE: 'erp-api' });
  const s = new Scenario(t);
  const admin = await s.admin();
  const post = (url: string, body: unknown, token: string) => t.http.post(url, body, { token });

  async function createKey(member: TestMember, organizationId: string) {
    const res = await post(
      '/api/v1/me/api-keys',
      { name: 'k', organization_id: organizationId },
      member.token,
    );
    expect(res.status).toBe(201);
    return { key: res.body.data.key as string, keyId: res.body.data.id as string };
  }

  async function createTask(organizationId: string, title: string, token: string, assignee?: string) {
    const res = await post(
      `/api/v1/organizations/${organizationId}/tasks`,
      { title, ...(assignee ? { assignee_id: assignee } : {}) },
      token,
    );
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  const orgA = await s.createOrganization();
  const orgB = await s.createOrganization();
  const a = await s.addMember(orgA.id, { roles: ['admin'] });
  const b = await s.addMember(orgA.id, { roles: ['admin'] });
  // Alice is a member of B too (same account, added by email).
  const inB = await post(
    `/api/v1/organizations/${orgB.id}/users`,
    { email: a.email, full_name: 'Test User' },
    admin,
  );
  expect(inB.status).toBe(201);
  const login = await t.http.post('/api/v1/auth/token/obtain', { username: a.email, password: a.password });
  const alice = {
    ...a,
    ...(await createKey(a, orgA.id)),
    refresh: login.body.data.refresh_token as string,
    task: await createTask(orgA.id, 'Alice writes the report', a.token),
  };
  const bob = {
    ...b,
    ...(await createKey(b, orgA.id)),
    task: await createTask(orgA.id, 'Bob calibrates the wrench', b.token),
  };
  await createTask(orgA.id, 'Assigned to alice by bob', b.token, alice.userId);
  return {
    kc,
    t,
    s,
    admin,
    orgA,
    orgB,
    alice,
    bob,
    exportOf: (userId, token) => t.http.get(`/api/v1/users/${userId}/data-export`, { token }),
    erase: (userId, token) => t.http.post(`/api/v1/users/${userId}/erasure`, {}, { token }),
    close: async () => {
      await t.close();
      await kc.stop();
    },
  };
}
