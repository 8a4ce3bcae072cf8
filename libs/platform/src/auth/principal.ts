/** Who is calling, once authenticated. API keys and SSO subjects end in the same shape (issue #3). */
export interface Principal {
  kind: 'user';
  userId: string;
  platformAdmin: boolean;
}

export const PRINCIPAL = Symbol('principal');

export interface WithPrincipal {
  [PRINCIPAL]?: Principal;
}
