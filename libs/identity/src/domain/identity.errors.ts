import { DomainError } from '@erp/kernel';

/** Unknown user, wrong password and locked account all look the same to the caller. */
export class InvalidCredentials extends DomainError {
  readonly code = 'AUTH001';
  readonly kind = 'unauthenticated';
  constructor() {
    super('Invalid credentials');
  }
}

/** A refresh token that is unknown, expired, revoked or already used (reuse revokes its family). */
export class InvalidRefreshToken extends DomainError {
  readonly code = 'AUTH003';
  readonly kind = 'unauthenticated';
  constructor() {
    super('Invalid refresh token');
  }
}

/** Granting (or widening) a role with permissions the caller does not hold organization-wide. */
export class PrivilegeEscalation extends DomainError {
  readonly code = 'AUTH004';
  readonly kind = 'forbidden';
  constructor(action: string, missing: string[]) {
    super(
      `Cannot ${action} permissions the caller does not hold`,
      { action, subject: 'Role' },
      { missing_permissions: missing },
    );
  }
}
