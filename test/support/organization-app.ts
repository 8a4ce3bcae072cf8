import { startTestApp, TestApp } from './app';
import { Scenario, TestMember, TestOrganization } from './scenario';

/** An app with one organization and an admin member in it: where most e2e files start. */
export interface OrganizationApp {
  t: TestApp;
  s: Scenario;
  org: TestOrganization;
  admin: TestMember;
  /** `/api/v1/organizations/<org id>` */
  base: string;
}

export async function startOrganizationApp(env: Record<string, string> = {}): Promise<OrganizationApp> {
  const t = await startTestApp(env);
  const s = new Scenario(t);
  const org = await s.createOrganization();
  const admin = await s.addMember(org.id, { roles: ['admin'] });
  return { t, s, org, admin, base: `/api/v1/organizations/${org.id}` };
}
