import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestTransaction } from '@erp/platform';
import type { ApiKey } from '../domain/api-key';
import { ApiKeyCredential, ApiKeyCredentialStore, ApiKeyRepository } from '../domain/api-key.repository';
import { ApiKeySchema } from './api-key.schema';

/** The owner's keys, inside the request transaction (own rows across organizations, writes in the key's). */
@Injectable()
export class TypeOrmApiKeyRepository extends ApiKeyRepository {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }
  private get repo() {
    return this.tx.manager.getRepository(ApiKeySchema);
  }
  findOwn(userId: string, id: string) {
    return this.repo.findOneBy({ id, userId });
  }
  async save(key: ApiKey) {
    await this.repo.save(key);
  }
  async revokeAllOf(organizationId: string, userId: string, now: Date) {
    const rows: unknown[] = await this.tx.manager.query(
      `with revoked as (
         update api_keys set revoked_at = $3
         where organization_id = $1 and user_id = $2 and revoked_at is null
         returning id
       ) select id from revoked`,
      [organizationId, userId, now],
    );
    return rows.length;
  }
}

interface CredentialRow {
  id: string;
  organization_id: string;
  user_id: string;
  secret_hash: string;
  scopes: string[] | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  owner_active: boolean;
}

/**
 * Authentication's door to the keys, before any organization is known: the SECURITY DEFINER
 * functions of the migration, one statement each on a pooled runtime connection (no transaction).
 */
@Injectable()
export class SqlApiKeyCredentialStore extends ApiKeyCredentialStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async findByLookupId(lookupId: string): Promise<ApiKeyCredential | null> {
    const [row]: CredentialRow[] = await this.dataSource.query(
      'select * from api_key_for_authentication($1)',
      [lookupId],
    );
    if (!row) return null;
    return {
      id: row.id,
      organizationId: row.organization_id,
      userId: row.user_id,
      secretHash: row.secret_hash,
      scopes: row.scopes,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      lastUsedAt: row.last_used_at,
      ownerActive: row.owner_active,
    };
  }

  async touch(id: string, secretHash: string, at: Date): Promise<void> {
    await this.dataSource.query('select api_key_touch($1, $2, $3)', [id, secretHash, at]);
  }
}
