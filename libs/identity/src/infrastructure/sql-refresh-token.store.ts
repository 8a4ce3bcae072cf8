import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { newId } from '@erp/kernel';
import { RequestTransaction } from '@erp/platform';
import { IssuedRefreshToken, RefreshClaim, RefreshTokenStore } from '../domain/ports';

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/** 256-bit random tokens; only their SHA-256 is stored (they carry their own entropy, no slow hash needed). */
@Injectable()
export class SqlRefreshTokenStore extends RefreshTokenStore {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }

  async issue(userId: string, familyId: string | null, expiresAt: Date): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    const family = familyId ?? newId();
    await this.tx.manager.query(
      `insert into refresh_tokens (id, user_id, family_id, token_hash, expires_at) values ($1, $2, $3, $4, $5)`,
      [newId(), userId, family, digest(token), expiresAt],
    );
    return { token, familyId: family };
  }

  async claim(token: string, now: Date): Promise<RefreshClaim> {
    const claimed: { user_id: string; family_id: string }[] = await this.tx.manager.query(
      // Wrapped in a CTE: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
      `with claimed as (
         update refresh_tokens set used_at = $2
         where token_hash = $1 and used_at is null and revoked_at is null and expires_at > $2
         returning user_id, family_id
       ) select user_id, family_id from claimed`,
      [digest(token), now],
    );
    if (claimed.length === 1)
      return { outcome: 'rotated', userId: claimed[0].user_id, familyId: claimed[0].family_id };
    const rows: { family_id: string; used: boolean }[] = await this.tx.manager.query(
      `select family_id, used_at is not null as used from refresh_tokens where token_hash = $1`,
      [digest(token)],
    );
    return rows[0]?.used ? { outcome: 'reused', familyId: rows[0].family_id } : { outcome: 'invalid' };
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.tx.manager.query(
      `update refresh_tokens set revoked_at = $2 where family_id = $1 and revoked_at is null`,
      [familyId, now],
    );
  }

  async familyOf(token: string): Promise<{ familyId: string; userId: string } | null> {
    const rows: { family_id: string; user_id: string }[] = await this.tx.manager.query(
      `select family_id, user_id from refresh_tokens where token_hash = $1`,
      [digest(token)],
    );
    return rows[0] ? { familyId: rows[0].family_id, userId: rows[0].user_id } : null;
  }
}
