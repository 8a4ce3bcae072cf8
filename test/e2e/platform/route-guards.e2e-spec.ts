import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_PERMISSION } from '@erp/platform';
import { startTestApp, TestApp } from '@erp/test-support';

interface RouteInfo {
  method: string;
  path: string;
  isPublic: boolean;
  permission: unknown;
}

/** Every route of the running app, with the access metadata the guards read. */
function routesOf(t: TestApp): RouteInfo[] {
  const discovery = t.app.get(DiscoveryService);
  const scanner = t.app.get(MetadataScanner);
  const reflector = t.app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = instance[name] as (...args: unknown[]) => unknown;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      routes.push({
        method,
        path: `/${[prefix, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, wrapper.metatype]) === true,
        permission: reflector.get(REQUIRED_PERMISSION, handler),
      });
    }
  }
  return routes;
}

describe('every route is guarded or explicitly public', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds the routes of every context', () => {
    const paths = routesOf(t).map((r) => r.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/auth/token/obtain', '/api/v1/organizations', '/health/ready']),
    );
    expect(paths.length).toBeGreaterThan(10);
  });

  it('has @Can or @Public on each route', () => {
    const naked = routesOf(t).filter((r) => !r.isPublic && !r.permission);
    expect(naked.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('refuses every non-public route without a token (401 AUTH003), and nothing changes', async () => {
    const sampleId = '00000000-0000-4000-8000-000000000000';
    const before = await t.ownerQuery<{ n: number }>(
      'select (select count(*) from organizations) + (select count(*) from users) as n',
    );
    for (const route of routesOf(t).filter((r) => !r.isPublic)) {
      const url = route.path.replace(/:[A-Za-z]+/g, sampleId);
      const res = await t.http.request(
        route.method as 'GET',
        url,
        route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      );
      expect({
        route: `${route.method} ${route.path}`,
        status: res.status,
        code: res.body?.error?.code,
      }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
        code: 'AUTH003',
      });
    }
    const after = await t.ownerQuery<{ n: number }>(
      'select (select count(*) from organizations) + (select count(*) from users) as n',
    );
    expect(after).toEqual(before);
  });
});
