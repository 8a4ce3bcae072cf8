import { Scenario, TestMember, TestOrganization } from '../../support/scenario';
import { ScaleStack } from './stack';

/** An organization with an admin member, built through haproxy as a client would. */
export async function scaleOrganization(
  stack: ScaleStack,
): Promise<{ s: Scenario; org: TestOrganization; admin: TestMember; base: string }> {
  const s = new Scenario({ http: stack.proxy });
  const org = await s.createOrganization();
  const admin = await s.addMember(org.id, { roles: ['admin'] });
  return { s, org, admin, base: `/api/v1/organizations/${org.id}` };
}
