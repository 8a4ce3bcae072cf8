import type { EntitySchemaColumnOptions } from 'typeorm';

export const uuidColumn = (name: string, nullable = false): EntitySchemaColumnOptions => ({
  type: 'uuid',
  name,
  nullable,
});

/** `date` columns come back as `YYYY-MM-DD` strings (TypeORM formats them), never as Date objects. */
export const dateColumn = (name: string): EntitySchemaColumnOptions => ({
  type: 'date',
  name,
  nullable: true,
});

export const auditColumns = {
  createdBy: uuidColumn('created_by', true),
  createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  version: { type: 'int', version: true },
} satisfies Record<string, EntitySchemaColumnOptions>;
