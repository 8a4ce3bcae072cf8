import type { Made, Recipe, WalkEnv } from './audit-walk';
import { ORG } from './audit-walk';

/** Ids the security recipes make, on top of the walk's own. */
export interface SecurityMade extends Made {
  apiKey: string;
  policy: string;
}

/**
 * Success recipes of the security routes (API keys, policies, explain), run after the walk's own
 * recipes (they need its organization and member) and before its deletions.
 */
export function securityRecipes(env: WalkEnv): Recipe[] {
  const made = (m: Made) => m as SecurityMade;
  return [
    {
      route: 'POST /api/v1/me/api-keys',
      run: async (m) => {
        const { res } = await env.call(
          'POST',
          '/api/v1/me/api-keys',
          { name: 'audited key', organization_id: m.org, scopes: ['task:read'] },
          env.admin(),
        );
        made(m).apiKey = res.body.data.id;
        // Recorded in the key's organization, not the platform's: the path names none.
        return { res, org: m.org, target: made(m).apiKey };
      },
    },
    {
      route: 'DELETE /api/v1/me/api-keys/:id',
      run: async (m) => ({
        res: (await env.call('DELETE', `/api/v1/me/api-keys/${made(m).apiKey}`, undefined, env.admin())).res,
        org: m.org,
        target: made(m).apiKey,
      }),
      changes: 'update',
    },
    {
      route: `POST ${ORG}/policies`,
      run: async (m) => {
        const { res } = await env.call(
          'POST',
          `/api/v1/organizations/${m.org}/policies`,
          { name: 'office hours', permission: 'task:read', effect: 'allow', condition: 'time.hour >= 0' },
          env.admin(),
        );
        made(m).policy = res.body.data.id;
        return { res, org: m.org, target: made(m).policy };
      },
    },
    {
      route: `PATCH ${ORG}/policies/:policyId`,
      run: async (m) => ({
        res: (
          await env.call(
            'PATCH',
            `/api/v1/organizations/${m.org}/policies/${made(m).policy}`,
            { name: 'any hour' },
            env.admin(),
          )
        ).res,
        org: m.org,
        target: made(m).policy,
      }),
      changes: 'update',
    },
    {
      route: `DELETE ${ORG}/policies/:policyId`,
      run: async (m) => ({
        res: (
          await env.call(
            'DELETE',
            `/api/v1/organizations/${m.org}/policies/${made(m).policy}`,
            undefined,
            env.admin(),
          )
        ).res,
        org: m.org,
        target: made(m).policy,
      }),
      changes: 'delete',
    },
    {
      route: `POST ${ORG}/authorization/explain`,
      run: async (m) => ({
        res: (
          await env.call(
            'POST',
            `/api/v1/organizations/${m.org}/authorization/explain`,
            { user_id: m.member, action: 'read', subject: 'Task' },
            env.admin(),
          )
        ).res,
        org: m.org,
      }),
    },
  ];
}
