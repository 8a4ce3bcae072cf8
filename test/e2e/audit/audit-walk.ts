import { randomBytes } from 'node:crypto';
import { ADMIN_EMAIL, ADMIN_PASSWORD, Scenario, TestHttp, TestResponse } from '@erp/test-support';

export interface AuditRow {
  organization_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  error_code: string | null;
  changes: { before: Record<string, unknown> | null; after: Record<string, unknown> | null } | null;
}

export type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Ids made along the way, so each recipe can act on what an earlier one created. */
export interface Made {
  org: string;
  department: string;
  member: string;
  role: string;
  grantRole: string;
  project: string;
  task: string;
  refresh: string;
}

export interface Recipe {
  /** The route, as `METHOD /path/:param`. */
  route: string;
  /** Makes one successful request; returns it with the organization and target id its row must name. */
  run: (made: Made) => Promise<{ res: TestResponse; org: string | null; target?: string }>;
  /** Update and delete routes of identity and work must record before/after. */
  changes?: 'update' | 'delete';
}

export const ORG = '/api/v1/organizations/:organizationId';
const unique = (p: string) => `${p}-${randomBytes(3).toString('hex')}`;

export interface WalkEnv {
  call: (
    method: Method,
    url: string,
    body?: unknown,
    token?: string,
  ) => Promise<{ res: TestResponse; rows: AuditRow[] }>;
  scenario: () => Scenario;
  http: () => TestHttp;
  admin: () => string;
}

/** One successful request per mutating route, in an order where each finds what it needs. */
export function successRecipes(env: WalkEnv): Recipe[] {
  /** One successful request per mutating route, in an order where each finds what it needs. */
  return [
    {
      route: 'POST /api/v1/auth/token/obtain',
      run: async () => ({
        res: (
          await env.call('POST', '/api/v1/auth/token/obtain', {
            username: ADMIN_EMAIL,
            password: ADMIN_PASSWORD,
          })
        ).res,
        org: null,
      }),
    },
    {
      route: 'POST /api/v1/organizations',
      run: async (made) => {
        const { res } = await env.call(
          'POST',
          '/api/v1/organizations',
          { name: 'Audited', code: unique('aud') },
          env.admin(),
        );
        made.org = res.body.data.id;
        return { res, org: made.org, target: made.org };
      },
    },
    {
      route: `PATCH ${ORG}`,
      run: async (m) => ({
        ...(await env.call('PATCH', `/api/v1/organizations/${m.org}`, { name: 'Renamed' }, env.admin())),
        org: m.org,
        target: m.org,
      }),
      changes: 'update',
    },
    ...(['departments', 'roles', 'projects', 'tasks', 'users'] as const).map((collection): Recipe => ({
      route: `POST ${ORG}/${collection}`,
      run: async (m) => {
        const body = {
          departments: { name: 'D', code: unique('d') },
          roles: { code: unique('r'), name: 'R', permissions: ['task:read'] },
          projects: { name: 'P', code: unique('P') },
          tasks: { title: 'T' },
          users: { email: `${unique('u')}@test.local`, full_name: 'U', password: 'member-password-1' },
        }[collection];
        const { res } = await env.call(
          'POST',
          `/api/v1/organizations/${m.org}/${collection}`,
          body,
          env.admin(),
        );
        const key = {
          departments: 'department',
          roles: 'role',
          projects: 'project',
          tasks: 'task',
          users: 'member',
        } as const;
        m[key[collection]] = res.body.data.id;
        return { res, org: m.org, target: res.body.data.id };
      },
    })),
    ...(
      [
        ['departments', 'department', { name: 'D2' }],
        ['roles', 'role', { name: 'R2' }],
        ['projects', 'project', { name: 'P2' }],
        ['tasks', 'task', { title: 'T2' }],
        ['users', 'member', { full_name: 'U2' }],
      ] as const
    ).map(([collection, key, body]): Recipe => ({
      route: `PATCH ${ORG}/${collection}/:${collection === 'users' ? 'userId' : collection === 'roles' ? 'roleId' : 'id'}`,
      run: async (m) => ({
        res: (
          await env.call('PATCH', `/api/v1/organizations/${m.org}/${collection}/${m[key]}`, body, env.admin())
        ).res,
        org: m.org,
        target: m[key],
      }),
      changes: 'update',
    })),
    {
      route: `POST ${ORG}/users/:userId/roles`,
      run: async (m) => {
        m.grantRole = await env.scenario().roleId(m.org, 'member');
        const { res } = await env.call(
          'POST',
          `/api/v1/organizations/${m.org}/users/${m.member}/roles`,
          { role_id: m.grantRole },
          env.admin(),
        );
        return { res, org: m.org };
      },
    },
    {
      route: `POST ${ORG}/security/scans`,
      run: async (m) => ({
        ...(await env.call('POST', `/api/v1/organizations/${m.org}/security/scans`, undefined, env.admin())),
        org: m.org,
      }),
    },
    {
      route: `DELETE ${ORG}/users/:userId/roles/:roleId`,
      run: async (m) => ({
        res: (
          await env.call(
            'DELETE',
            `/api/v1/organizations/${m.org}/users/${m.member}/roles/${m.grantRole}`,
            undefined,
            env.admin(),
          )
        ).res,
        org: m.org,
      }),
      changes: 'delete',
    },
    ...(
      [
        ['tasks', 'task', 'id'],
        ['projects', 'project', 'id'],
        ['roles', 'role', 'roleId'],
        ['users', 'member', 'userId'],
        ['departments', 'department', 'id'],
      ] as const
    ).map(([collection, key, param]): Recipe => ({
      route: `DELETE ${ORG}/${collection}/:${param}`,
      run: async (m) => ({
        res: (
          await env.call(
            'DELETE',
            `/api/v1/organizations/${m.org}/${collection}/${m[key]}`,
            undefined,
            env.admin(),
          )
        ).res,
        org: m.org,
        target: m[key],
      }),
      // Ending a membership keeps the (inactive) membership: its row shows that change.
      changes: collection === 'users' ? 'update' : 'delete',
    })),
    {
      route: 'POST /api/v1/users/:userId/erasure',
      run: async (m) => ({
        res: (await env.call('POST', `/api/v1/users/${m.member}/erasure`, {}, env.admin())).res,
        org: null,
        target: m.member,
      }),
    },
    {
      route: 'POST /api/v1/auth/token/refresh',
      run: async (m) => {
        const login = await env.http().post('/api/v1/auth/token/obtain', {
          username: ADMIN_EMAIL,
          password: ADMIN_PASSWORD,
        });
        const { res } = await env.call('POST', '/api/v1/auth/token/refresh', {
          refresh_token: login.body.data.refresh_token,
        });
        m.refresh = res.body.data.refresh_token;
        return { res, org: null };
      },
    },
    {
      route: 'POST /api/v1/auth/logout',
      run: async (m) => ({
        res: (await env.call('POST', '/api/v1/auth/logout', { refresh_token: m.refresh })).res,
        org: null,
      }),
    },
  ];
}
