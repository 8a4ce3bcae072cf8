import { newId } from '@erp/kernel';

/** A user's link to an external identity: the subject of an SSO realm, found again by (issuer, subject). */
export class UserIdentity {
  static readonly modelName = 'UserIdentity';
  id!: string;
  userId!: string;
  issuer!: string;
  subject!: string;
  /** Digest of the mapped organization roles last applied from this identity's token (null: never). */
  rolesHash!: string | null;
  createdAt!: Date;

  static create(userId: string, issuer: string, subject: string): UserIdentity {
    const link = new UserIdentity();
    link.id = newId();
    link.userId = userId;
    link.issuer = issuer;
    link.subject = subject;
    link.rolesHash = null;
    return link;
  }

  /** The role mapping is applied again whenever the token's mapped roles differ from the last applied ones. */
  needsRoleSync(rolesHash: string): boolean {
    return this.rolesHash !== rolesHash;
  }

  /** Records which mapped roles are now applied (those that could not be are left out, so they are retried). */
  recordRolesApplied(rolesHash: string): void {
    this.rolesHash = rolesHash;
  }
}
