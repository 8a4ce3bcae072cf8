import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** The API versions this build serves; a path or header naming another is 400 VER001 (contract §9). */
export const SUPPORTED_VERSIONS: readonly string[] = ['v1', 'v2'];
/** What an unversioned path gets when the request names no version. */
export const DEFAULT_VERSION = 'v1';

const VERSIONED_PATH = /^\/api\/(v\d+)(?=[/?]|$)/;
const API_PATH = /^\/api(?=[/?]|$)/;
const ACCEPT_VERSION = /(?:^|[;,\s])version\s*=\s*"?([^";,\s]+)"?/i;

/** The version a path names (`/api/v2/...` → `v2`), if any. */
export function pathVersion(url: string): string | undefined {
  return VERSIONED_PATH.exec(url)?.[1];
}

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

/** The version named by `X-API-Version` or by `Accept: ...; version=v2` (in that order), if any. */
export function headerVersion(headers: IncomingHttpHeaders): string | undefined {
  const explicit = single(headers['x-api-version'])?.trim();
  if (explicit) return explicit;
  return ACCEPT_VERSION.exec(single(headers.accept) ?? '')?.[1];
}

/**
 * What a request asks for: `{ version }` to serve, or `{ unsupported }` naming what it asked for.
 * The path wins over the headers; an API path without a version takes the header's, else the default.
 * `null` for paths outside the API (health, docs).
 */
export function negotiateVersion(
  url: string,
  headers: IncomingHttpHeaders,
): { version: string } | { unsupported: string } | null {
  const inPath = pathVersion(url);
  if (inPath) return SUPPORTED_VERSIONS.includes(inPath) ? { version: inPath } : { unsupported: inPath };
  if (!API_PATH.test(url)) return null;
  const asked = headerVersion(headers) ?? DEFAULT_VERSION;
  return SUPPORTED_VERSIONS.includes(asked) ? { version: asked } : { unsupported: asked.slice(0, 20) };
}

const REQUESTED_URL = Symbol('requestedUrl');

/**
 * The URL as the client sent it, before version routing (Fastify's `originalUrl` is overwritten
 * by the middleware layer, so the router keeps its own copy).
 */
export function requestedUrl(raw: IncomingMessage): string {
  return (raw as IncomingMessage & { [REQUESTED_URL]?: string })[REQUESTED_URL] ?? raw.url ?? '/';
}

/** The version a request is answered in (as it asked: v2 stays v2 when v1 serves the route). */
export function servedVersion(url: string, headers: IncomingHttpHeaders): string {
  const negotiated = negotiateVersion(url, headers);
  return negotiated && 'version' in negotiated ? negotiated.version : DEFAULT_VERSION;
}

/**
 * An unversioned API path goes to the version its headers name (`/api/auth/me` +
 * `X-API-Version: v2` → `/api/v2/auth/me`). Anything else is left as it is.
 */
export function routeToNegotiatedVersion(url: string, headers: IncomingHttpHeaders): string {
  if (pathVersion(url) || !API_PATH.test(url)) return url;
  const negotiated = negotiateVersion(url, headers);
  return negotiated && 'version' in negotiated ? url.replace(API_PATH, `/api/${negotiated.version}`) : url;
}

/** A route pattern (`/api/v2/users/:id`) as a regular expression over paths. */
const patternToRegExp = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('/')
      .map((part) =>
        part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/')}/?$`,
  );

/**
 * Routes requests between API versions. A later version holds only what changed: `/api/v2/...`
 * with no v2 route of its own is served by v1, so a client can move to v2 as a whole. Fed with
 * every route as it is registered (Fastify's `onRoute`), used as Fastify's `rewriteUrl`.
 */
export class VersionRouter {
  private readonly routes = new Map<string, RegExp[]>();

  register(pattern: string): void {
    const version = pathVersion(pattern);
    if (!version || version === DEFAULT_VERSION) return;
    const list = this.routes.get(version) ?? [];
    list.push(patternToRegExp(pattern));
    this.routes.set(version, list);
  }

  /** Fastify's `rewriteUrl`. */
  rewrite(raw: IncomingMessage): string {
    const url = raw.url ?? '/';
    (raw as IncomingMessage & { [REQUESTED_URL]?: string })[REQUESTED_URL] = url;
    return this.route(url, raw.headers);
  }

  route(url: string, headers: IncomingHttpHeaders): string {
    const target = routeToNegotiatedVersion(url, headers);
    const version = pathVersion(target);
    if (!version || version === DEFAULT_VERSION || !SUPPORTED_VERSIONS.includes(version)) return target;
    const path = target.split('?')[0];
    const own = this.routes.get(version) ?? [];
    return own.some((route) => route.test(path))
      ? target
      : target.replace(`/api/${version}`, `/api/${DEFAULT_VERSION}`);
  }
}
