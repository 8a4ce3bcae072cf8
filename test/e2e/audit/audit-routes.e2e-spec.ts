import { randomUUID } from 'node:crypto';
import { AuditRoute, AuditRoutes, MUTATING_METHODS } from '@erp/platform';
import { Scenario, startTestApp, TestApp } from '@erp/test-support';
import { AuditRow, Made, Method, ORG, Recipe, successRecipes } from './audit-walk';
import { securityRecipes } from './audit-walk.security';

/**
 * Walks every state-changing route of the app (found the way the route-guard test finds them) and
 * checks that each one leaves an audit row: refused without a token, attempted by an
 * administrator whatever the answer, and succeeding through a recipe that every route must have.
 */
describe('every state-changing route is audited', () => {
  let t: TestApp;
  let s: Scenario;
  let admin: string;
  let routes: AuditRoute[];
  let sequence = 0;

  /** A request with its own request id, and the audit rows that carry it. */
  async function call(method: Method, url: string, body?: unknown, token?: string) {
    const requestId = `audit-walk-${(sequence += 1)}`;
    const res = await t.http.request(method, url, body, { token, headers: { 'x-request-id': requestId } });
    const rows = await t.ownerQuery<AuditRow>(
      `select organization_id, actor_type, actor_id, action, target_type, target_id, outcome, error_code,
              personal #> '{changes,v}' as changes
         from audit_log where request_id = $1`,
      [requestId],
    );
    return { res, rows };
  }

  const fill = (path: string, made: Partial<Made>) =>
    path.replace(':organizationId', made.org ?? randomUUID()).replace(/:[A-Za-z]+/g, () => randomUUID());

  const outcomeOf = (status: number) =>
    status < 400 ? 'success' : status === 401 || status === 403 ? 'denied' : 'failed';

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    admin = await s.admin();
    routes = [...t.app.get(AuditRoutes).all().values()].filter((r) => MUTATING_METHODS.has(r.method));
  });
  afterAll(() => t.close());

  it('finds the mutating routes of every context, each with a stable dotted action name', () => {
    expect(routes.length).toBeGreaterThanOrEqual(21);
    for (const route of routes)
      expect(`${route.method} ${route.path} ${route.action}`).toMatch(/ [a-z_]+\.[a-z_]+$/);
    expect(new Set(routes.map((r) => r.action)).size).toBe(routes.length);
  });

  it('records a refused row for every mutating route called without a token (platform trail)', async () => {
    const org = await s.createOrganization();
    for (const route of routes) {
      if (route.path.startsWith('/api/v1/auth/')) continue; // public: their recipes cover them
      const body = route.method === 'DELETE' ? undefined : {};
      const { res, rows } = await call(route.method as Method, fill(route.path, { org: org.id }), body);
      expect({ route: `${route.method} ${route.path}`, status: res.status, rows }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
        rows: [
          expect.objectContaining({
            organization_id: null,
            actor_type: 'anonymous',
            action: route.action,
            outcome: 'denied',
            error_code: 'AUTH003',
            changes: null,
          }),
        ],
      });
    }
  });

  it('records every attempt of an administrator, whatever the answer, in the organization it acted in', async () => {
    const org = await s.createOrganization();
    for (const route of routes) {
      const body = route.method === 'DELETE' ? undefined : {};
      const { res, rows } = await call(
        route.method as Method,
        fill(route.path, { org: org.id }),
        body,
        admin,
      );
      const inOrganization = route.path.startsWith(ORG) && res.status !== 401;
      expect({ route: `${route.method} ${route.path}`, rows }).toEqual({
        route: `${route.method} ${route.path}`,
        rows: [
          expect.objectContaining({
            organization_id: inOrganization ? org.id : null,
            action: route.action,
            outcome: outcomeOf(res.status),
            error_code: res.status < 400 ? null : res.body.error.code,
          }),
        ],
      });
    }
  });

  it('records a refused member (403) in its organization’s trail, and the answer is unchanged', async () => {
    const org = await s.createOrganization();
    const member = await s.addMember(org.id, { roles: [] });
    const { res, rows } = await call(
      'POST',
      `/api/v1/organizations/${org.id}/projects`,
      { name: 'P', code: 'p' },
      member.token,
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'AUTH004', trace_id: res.body.meta.request_id });
    expect(rows).toEqual([
      expect.objectContaining({
        organization_id: org.id,
        actor_type: 'user',
        actor_id: member.userId,
        action: 'project.create',
        target_type: 'Project',
        outcome: 'denied',
        error_code: 'AUTH004',
      }),
    ]);
  });

  const walkEnv = {
    call: (...args: Parameters<typeof call>) => call(...args),
    scenario: () => s,
    http: () => t.http,
    admin: () => admin,
  };
  const own = successRecipes(walkEnv);
  // The security routes need the walk's member and run before the walk deletes anything.
  const firstDelete = own.findIndex((r) => r.route.startsWith('DELETE '));
  const RECIPES: Recipe[] = [
    ...own.slice(0, firstDelete),
    ...securityRecipes(walkEnv),
    ...own.slice(firstDelete),
  ];

  it('has a success recipe for every mutating route', () => {
    const covered = new Set(RECIPES.map((r) => r.route));
    expect(routes.map((r) => `${r.method} ${r.path}`).filter((r) => !covered.has(r))).toEqual([]);
  });

  it('records each route’s success with its action, organization, target and, for changes, before/after', async () => {
    const made = {} as Made;
    const byRoute = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
    for (const recipe of RECIPES) {
      const before = sequence;
      const { res, org, target } = await recipe.run(made);
      expect({ route: recipe.route, status: res.status }).toEqual({
        route: recipe.route,
        status: expect.any(Number),
      });
      expect({ route: recipe.route, ok: res.status < 300 }).toEqual({ route: recipe.route, ok: true });
      const rows = await t.ownerQuery<AuditRow>(
        `select organization_id, actor_type, actor_id, action, target_type, target_id, outcome, error_code,
                personal #> '{changes,v}' as changes
           from audit_log where request_id = $1`,
        [`audit-walk-${before + 1}`],
      );
      const route = byRoute.get(recipe.route);
      expect({ route: recipe.route, rows }).toEqual({
        route: recipe.route,
        rows: [
          expect.objectContaining({
            organization_id: org,
            action: route?.action,
            outcome: 'success',
            error_code: null,
            ...(target ? { target_id: target } : {}),
          }),
        ],
      });
      if (recipe.changes === 'update') expect(rows[0].changes?.before).not.toBeNull();
      if (recipe.changes === 'update') expect(rows[0].changes?.after).not.toBeNull();
      if (recipe.changes === 'delete')
        expect(rows[0].changes).toMatchObject({ before: expect.any(Object), after: null });
    }
    // No secret ever reaches the trail.
    const [{ leaked }] = await t.ownerQuery<{ leaked: number }>(
      `select count(*)::int as leaked from audit_log where personal::text ilike '%member-password-1%'
          or personal::text ilike '%$argon2%' or details::text ilike '%password%'`,
    );
    expect(leaked).toBe(0);
  });
});
