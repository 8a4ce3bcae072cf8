import { EntitySchema } from 'typeorm';
import { Policy } from '../domain/policy';

export const PolicySchema = new EntitySchema<Policy>({
  name: 'Policy',
  target: Policy,
  tableName: 'policies',
  columns: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid', name: 'organization_id' },
    name: { type: 'varchar', length: 200 },
    description: { type: 'varchar', length: 2000, nullable: true },
    permission: { type: 'varchar', length: 100 },
    effect: { type: 'varchar', length: 10 },
    condition: { type: 'varchar', length: 2000 },
    createdBy: { type: 'uuid', name: 'created_by', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
    version: { type: 'int', version: true },
  },
});
