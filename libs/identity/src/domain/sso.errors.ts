import { DomainError } from '@erp/kernel';

/**
 * A valid SSO token whose holder cannot be signed in: inactive account, no usable email, or an
 * email that belongs to an existing account while the realm does not vouch for it. Answered as
 * an invalid token (AUTH003); the reason is logged, never sent.
 */
export class SsoSignInRefused extends DomainError {
  readonly code = 'AUTH003';
  readonly kind = 'unauthenticated';
  constructor(readonly reason: string) {
    super('SSO sign-in refused');
  }
}
