import type { ObjectLiteral, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

interface Versioned extends ObjectLiteral {
  id: string;
  organizationId: string;
  version: number;
  updatedAt: Date;
}

/**
 * One UPDATE of the given fields of a loaded record (TypeORM adds `version + 1` and `updated_at`),
 * reading back the new version and time so the caller can answer with a fresh ETag.
 */
export async function writeChanges<T extends Versioned>(
  repo: Repository<T>,
  record: T,
  fields: QueryDeepPartialEntity<T>,
): Promise<void> {
  const result = await repo
    .createQueryBuilder()
    .update()
    .set(fields)
    .where('id = :id and organization_id = :organizationId', {
      id: record.id,
      organizationId: record.organizationId,
    })
    .returning('version, updated_at')
    .execute();
  const [row] = result.raw as { version: number; updated_at: Date }[];
  if (!row) throw new Error(`${repo.metadata.name} ${record.id} vanished during the update`);
  Object.assign(record, { version: row.version, updatedAt: row.updated_at });
}
