import type { FastifyRequest } from 'fastify';
import { CLS_REQ, ClsServiceManager } from 'nestjs-cls';
import { PRINCIPAL, Principal } from '../auth/principal';
import { addLogFieldSource, linkRequestForLogs, logMixin, requestLogFields } from './log-fields';

const ORG = '6f1c2e0a-8b7d-4c1e-9f0a-1b2c3d4e5f60';
const KEY_ORG = '0b5e7c1d-2a3f-4e6d-8c9b-0a1b2c3d4e5f';
const USER = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

function fakeRequest(params: Record<string, string> = {}, principal?: Principal): FastifyRequest {
  return { id: 'req-1', params, raw: { id: 'req-1' }, [PRINCIPAL]: principal } as unknown as FastifyRequest;
}

describe('request log fields', () => {
  const user: Principal = { kind: 'user', userId: USER, platformAdmin: false, via: 'password' };

  it('names the request, the user and the organization of the path', () => {
    expect(requestLogFields(fakeRequest({ organizationId: ORG }, user))).toEqual({
      request_id: 'req-1',
      principal: { type: 'user', user_id: USER },
      organization_id: ORG,
    });
  });

  it('names an API key by id, and its organization when the path has none', () => {
    const key: Principal = {
      ...user,
      via: 'api_key',
      apiKey: { id: 'key-1', organizationId: KEY_ORG, scopes: null },
    };
    expect(requestLogFields(fakeRequest({}, key))).toEqual({
      request_id: 'req-1',
      principal: { type: 'api_key', api_key_id: 'key-1', user_id: USER },
      organization_id: KEY_ORG,
    });
  });

  it('names an SSO caller by subject, never by token; ignores an organization id that is no UUID', () => {
    const sso: Principal = {
      ...user,
      via: 'sso',
      subject: { issuer: 'https://sso/realms/erp', subject: 'sub-1' },
    };
    expect(requestLogFields(fakeRequest({ organizationId: 'not-a-uuid' }, sso))).toEqual({
      request_id: 'req-1',
      principal: { type: 'sso', user_id: USER, sso_subject: 'sub-1' },
    });
  });

  it('gives an anonymous request its id only', () => {
    expect(requestLogFields(fakeRequest({ organizationId: ORG }))).toEqual({
      request_id: 'req-1',
      organization_id: ORG,
    });
  });
});

describe('the log mixin', () => {
  const cls = ClsServiceManager.getClsService();

  it('adds nothing outside a request', () => {
    expect(logMixin()).toEqual({});
  });

  it("adds the fields of the request CLS holds, through the link to Fastify's request", () => {
    const request = fakeRequest({ organizationId: ORG });
    linkRequestForLogs(request);
    const fields = cls.run(() => {
      cls.set(CLS_REQ, request.raw);
      return logMixin();
    });
    expect(fields).toEqual({ request_id: 'req-1', organization_id: ORG });
    // Without the link (a request that did not go through the hooks) the raw id still counts.
    expect(
      cls.run(() => {
        cls.set(CLS_REQ, { id: 'raw-2' });
        return logMixin();
      }),
    ).toEqual({ request_id: 'raw-2' });
  });

  it('adds the fields of other sources (tracing) after the request', () => {
    addLogFieldSource(() => ({ trace_id: 't-1' }));
    expect(logMixin()).toEqual({ trace_id: 't-1' });
  });
});
