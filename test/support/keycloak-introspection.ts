import { createLocalJWKSet, JWK, jwtVerify } from 'jose';

/** What the stand-in's introspection endpoint needs to know about its realm. */
export interface IntrospectionRealm {
  issuer: string;
  /** Confidential clients allowed to introspect: client id → secret. */
  clients: Record<string, string>;
  /** Public keys the realm signs with. */
  keys: JWK[];
  /** `jti`s of revoked access tokens. */
  revoked: Set<string>;
}

/** Client credentials from HTTP Basic (RFC 6749 §2.3.1, form-encoded parts) or the form body. */
function clientOf(authorization: string | undefined, form: URLSearchParams) {
  const basic = /^Basic (.+)$/i.exec(authorization ?? '');
  if (basic) {
    const [id, ...secret] = Buffer.from(basic[1], 'base64').toString().split(':');
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret.join(':')) };
  }
  return { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
}

/**
 * Keycloak's `POST <realm>/protocol/openid-connect/token/introspect` (RFC 7662): the caller must
 * authenticate as a confidential client; a token is active when the realm signed it, it has not
 * expired, it was not revoked and, as newer Keycloak requires, the caller is in its `aud`.
 */
export async function introspect(
  realm: IntrospectionRealm,
  authorization: string | undefined,
  form: URLSearchParams,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const client = clientOf(authorization, form);
  if (!client.id || realm.clients[client.id] === undefined || realm.clients[client.id] !== client.secret)
    return {
      status: 401,
      body: { error: 'invalid_client', error_description: 'Invalid client credentials' },
    };
  const token = form.get('token');
  if (!token) return { status: 400, body: { error: 'invalid_request' } };
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: realm.keys }), {
      issuer: realm.issuer,
      audience: client.id,
      algorithms: ['RS256'],
    });
    if (payload.typ !== 'Bearer' || realm.revoked.has(String(payload.jti)))
      return { status: 200, body: { active: false } };
    return {
      status: 200,
      body: {
        ...payload,
        active: true,
        client_id: payload.azp,
        username: payload.preferred_username,
        token_type: 'Bearer',
      },
    };
  } catch {
    return { status: 200, body: { active: false } };
  }
}
