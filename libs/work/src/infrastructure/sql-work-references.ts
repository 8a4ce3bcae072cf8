import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { WorkReferenceIds, WorkReferences } from '../domain/work-references';

type Found = Record<keyof WorkReferenceIds, boolean>;

/** One round trip for all references, each looked up inside the organization (and under its RLS). */
@Injectable()
export class SqlWorkReferences extends WorkReferences {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }

  async missing(organizationId: string, ids: WorkReferenceIds): Promise<(keyof WorkReferenceIds)[]> {
    const rows: Found[] = await this.tx.manager.query(
      `select
         ($2::uuid is null or exists (select 1 from projects where organization_id = $1 and id = $2)) as "projectId",
         ($3::uuid is null or exists (select 1 from departments where organization_id = $1 and id = $3)) as "departmentId",
         ($4::uuid is null or exists (select 1 from memberships
                                      where organization_id = $1 and user_id = $4 and is_active)) as "assigneeId"`,
      [organizationId, ids.projectId ?? null, ids.departmentId ?? null, ids.assigneeId ?? null],
    );
    const found = rows[0];
    return (['projectId', 'departmentId', 'assigneeId'] as const).filter((key) => !found[key]);
  }
}
