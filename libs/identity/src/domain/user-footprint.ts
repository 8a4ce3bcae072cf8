/**
 * The parts of an account's footprint that erasure clears wholesale, outside any aggregate:
 * sessions, SSO links and remembered idempotent answers, and where the user has been.
 */
export abstract class UserFootprint {
  /** Organizations the user has or had a membership in, or appears in the audit trail of. */
  abstract organizationsOf(userId: string): Promise<string[]>;
  /** Revokes every refresh token of every family of the user; returns how many were still live. */
  abstract revokeRefreshTokens(userId: string, now: Date): Promise<number>;
  /** Removes the user's SSO links (issuer, subject); returns how many there were. */
  abstract removeSsoLinks(userId: string): Promise<number>;
  /** Deletes the remembered answers of the user's idempotent requests; returns how many. */
  abstract forgetIdempotencyRecords(userId: string): Promise<number>;
}
