import { EntitySchema } from 'typeorm';
import { ApiKey } from '../domain/api-key';

export const ApiKeySchema = new EntitySchema<ApiKey>({
  name: 'ApiKey',
  target: ApiKey,
  tableName: 'api_keys',
  columns: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid', name: 'organization_id' },
    userId: { type: 'uuid', name: 'user_id' },
    name: { type: 'varchar', length: 100 },
    lookupId: { type: 'char', length: 16, name: 'lookup_id' },
    secretHash: { type: 'char', length: 64, name: 'secret_hash' },
    scopes: { type: 'text', array: true, nullable: true },
    expiresAt: { type: 'timestamptz', name: 'expires_at', nullable: true },
    revokedAt: { type: 'timestamptz', name: 'revoked_at', nullable: true },
    lastUsedAt: { type: 'timestamptz', name: 'last_used_at', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
  },
});
