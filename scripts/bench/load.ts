/** Load generation with autocannon: one run of one request kind against one server. */
import autocannon from 'autocannon';
import { RunResult } from './stats';

export interface TaskRef {
  organizationId: string;
  id: string;
}

export type RequestKind =
  | { kind: 'by_id'; ids: readonly TaskRef[] }
  | { kind: 'list'; organizationIds: readonly string[] }
  | { kind: 'create'; organizationIds: readonly string[] };

export const LIST_STATUSES = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
/** Title prefix of the tasks the POST runs create, so they can be removed afterwards. */
export const CREATED_TITLE_PREFIX = 'Bench insert';

const tasksPath = (organizationId: string) => `/api/v1/organizations/${organizationId}/tasks`;

/** A generator of request paths and bodies that walks its inputs in order; `served` counts calls. */
export function requestSource(request: RequestKind): {
  next(): { path: string; body?: string };
  served(): number;
} {
  let n = 0;
  const next = () => {
    const i = n++;
    switch (request.kind) {
      case 'by_id': {
        const ref = request.ids[i % request.ids.length];
        return { path: `${tasksPath(ref.organizationId)}/${ref.id}` };
      }
      case 'list': {
        const org = request.organizationIds[i % request.organizationIds.length];
        const status = LIST_STATUSES[Math.floor(i / request.organizationIds.length) % LIST_STATUSES.length];
        return { path: `${tasksPath(org)}?status=${status}&sort=-due_date&size=20` };
      }
      case 'create': {
        const org = request.organizationIds[i % request.organizationIds.length];
        const body = {
          title: `${CREATED_TITLE_PREFIX} ${i}`,
          status: 'todo',
          priority: (['low', 'medium', 'high', 'urgent'] as const)[i % 4],
          due_date: `2027-0${(i % 9) + 1}-15`,
        };
        return { path: tasksPath(org), body: JSON.stringify(body) };
      }
    }
  };
  return { next, served: () => n };
}

export interface LoadOptions {
  base: string;
  token: string;
  connections: number;
  seconds: number;
}

/** Runs `request` against `base` for `seconds` at `connections`; returns the reduced result and the calls made. */
export async function runLoad(
  request: RequestKind,
  { base, token, connections, seconds }: LoadOptions,
): Promise<{ result: RunResult; served: number }> {
  const source = requestSource(request);
  const method = request.kind === 'create' ? 'POST' : 'GET';
  const raw = await autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        method,
        setupRequest: (req) => {
          const { path, body } = source.next();
          return body === undefined ? { ...req, path } : { ...req, path, body };
        },
      },
    ],
  });
  return {
    served: source.served(),
    result: {
      rps: Math.round(raw.requests.average),
      p50: raw.latency.p50,
      p99: raw.latency.p99,
      non2xx: raw.non2xx,
      errors: raw.errors,
      timeouts: raw.timeouts,
      requests: raw.requests.total,
    },
  };
}
