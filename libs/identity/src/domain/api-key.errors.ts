import { DomainError } from '@erp/kernel';

/** Scopes the owner does not hold in the key's organization: a key never exceeds its owner. */
export class ApiKeyScopesNotHeld extends DomainError {
  readonly code = 'AUTH004';
  readonly kind = 'forbidden';
  constructor(missing: string[]) {
    super(
      'API key scopes beyond the owner permissions',
      { action: 'give an API key the scopes', subject: missing.join(', ') },
      { missing_permissions: missing },
    );
  }
}

/** An API key that cannot authenticate: unknown, wrong secret, revoked, expired, or its owner inactive. */
export class ApiKeyRefused extends DomainError {
  readonly code = 'AUTH003';
  readonly kind = 'unauthenticated';
  constructor(readonly reason: 'unknown' | 'revoked' | 'expired' | 'owner inactive') {
    super('API key refused');
  }
}
