import { newId } from '@erp/kernel';

/** A person who can sign in; belongs to organizations through memberships. */
export class User {
  static readonly modelName = 'User';
  id!: string;
  email!: string;
  fullName!: string;
  passwordHash!: string | null;
  /** The organization that created the account, which alone may change its profile; null for self-managed accounts. */
  homeOrganizationId!: string | null;
  isActive!: boolean;
  isPlatformAdmin!: boolean;
  failedLoginCount!: number;
  lockedUntil!: Date | null;
  lastLoginAt!: Date | null;
  /** When the account was erased (data rights); it then holds no personal value and can never sign in. */
  erasedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;

  static create(input: {
    email: string;
    fullName: string;
    passwordHash: string | null;
    platformAdmin?: boolean;
    homeOrganizationId?: string | null;
  }): User {
    const user = new User();
    user.id = newId();
    user.email = input.email.trim().toLowerCase();
    user.fullName = input.fullName.trim();
    user.passwordHash = input.passwordHash;
    user.homeOrganizationId = input.homeOrganizationId ?? null;
    user.isActive = true;
    user.isPlatformAdmin = input.platformAdmin ?? false;
    user.failedLoginCount = 0;
    user.lockedUntil = null;
    user.lastLoginAt = null;
    user.erasedAt = null;
    return user;
  }

  /**
   * An account is shared by every organization it belongs to, so only the account itself or the
   * organization that created it may rename it (never another tenant's administrator).
   */
  mayBeRenamedBy(actorUserId: string, organizationId: string): boolean {
    return actorUserId === this.id || (!this.isPlatformAdmin && this.homeOrganizationId === organizationId);
  }

  rename(fullName: string): void {
    this.fullName = fullName.trim();
  }

  /** Locked accounts refuse every password, right or wrong, until the lock ends. */
  isLocked(now: Date): boolean {
    return this.lockedUntil !== null && this.lockedUntil > now;
  }

  /** Counts a failed sign-in; reaching `maxFailures` locks the account for `lockSeconds`. */
  recordFailedLogin(now: Date, maxFailures: number, lockSeconds: number): void {
    this.failedLoginCount += 1;
    if (this.failedLoginCount >= maxFailures) {
      this.lockedUntil = new Date(now.getTime() + lockSeconds * 1000);
      this.failedLoginCount = 0;
    }
  }

  recordSuccessfulLogin(now: Date): void {
    this.failedLoginCount = 0;
    this.lockedUntil = null;
    this.lastLoginAt = now;
  }

  /**
   * Erasure (data rights): the account keeps its id, which its history (tasks, audit rows) points
   * at, but loses every personal value, its password and its platform role, and can never sign in
   * again. Erasing twice changes nothing more (the first date stays).
   */
  erase(now: Date): void {
    this.email = `erased-${this.id}@erased.invalid`;
    this.fullName = 'Erased user';
    this.passwordHash = null;
    this.isActive = false;
    this.isPlatformAdmin = false;
    this.failedLoginCount = 0;
    this.lockedUntil = null;
    this.lastLoginAt = null;
    this.erasedAt ??= now;
  }
}
