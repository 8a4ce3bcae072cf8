/** Who is calling, once authenticated: by own token, SSO token or API key, always in this shape. */
export interface Principal {
  kind: 'user';
  userId: string;
  platformAdmin: boolean;
  /** `password`: own access token; `sso`: access token of a configured OIDC realm; `api_key`: `X-API-Key`. */
  via: 'password' | 'sso' | 'api_key';
  /** For `sso`: the realm and the subject the token named. */
  subject?: { issuer: string; subject: string };
  /** For `api_key`: the key, the one organization it works in, and its scopes (`null`: the owner's permissions). */
  apiKey?: { id: string; organizationId: string; scopes: string[] | null };
}

export const PRINCIPAL = Symbol('principal');

export interface WithPrincipal {
  [PRINCIPAL]?: Principal;
}
