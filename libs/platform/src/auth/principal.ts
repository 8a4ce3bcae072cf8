/** Who is calling, once authenticated. API keys will end in the same shape (issue #3). */
export interface Principal {
  kind: 'user';
  userId: string;
  platformAdmin: boolean;
  /** `password`: the platform's own access token; `sso`: an access token of a configured OIDC realm. */
  via: 'password' | 'sso';
  /** For `sso`: the realm and the subject the token named. */
  subject?: { issuer: string; subject: string };
}

export const PRINCIPAL = Symbol('principal');

export interface WithPrincipal {
  [PRINCIPAL]?: Principal;
}
