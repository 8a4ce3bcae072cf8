import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import { fetchPage, RequestTransaction, SqlFilter } from '@erp/platform';
import { iso } from './iso-timestamp';

export interface RoleGrantView {
  id: string;
  role_id: string;
  role_code: string;
  department_id: string | null;
  created_at: string;
}

type RoleGrantRow = Omit<RoleGrantView, 'created_at'> & { created_at: Date };

export const ROLE_GRANT_SORT = { created_at: 'g.created_at', role_code: 'r.code' };

const COLUMNS = 'g.id, g.role_id, r.code as role_code, g.department_id, g.created_at';
const FROM = 'role_grants g join roles r on r.organization_id = g.organization_id and r.id = g.role_id';

const toView = (row: RoleGrantRow): RoleGrantView => ({ ...row, created_at: iso(row.created_at) });

/** The role grants of one member of the organization. */
@Injectable()
export class RoleGrantQueries {
  constructor(private readonly tx: RequestTransaction) {}

  async listForUser(
    organizationId: string,
    userId: string,
    request: PageRequest,
    q?: string,
  ): Promise<Page<RoleGrantView>> {
    const where = this.ofUser(organizationId, userId).contains(['r.code', 'r.name'], q);
    return fetchPage(this.tx.manager, {
      columns: COLUMNS,
      from: FROM,
      where,
      request,
      tiebreak: 'g.id',
      toView,
    });
  }

  async get(organizationId: string, grantId: string): Promise<RoleGrantView | null> {
    const where = new SqlFilter().equals('g.organization_id', organizationId).equals('g.id', grantId);
    const rows = await this.tx.manager.query<RoleGrantRow[]>(
      `select ${COLUMNS} from ${FROM} ${where.sql}`,
      where.params,
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  private ofUser(organizationId: string, userId: string): SqlFilter {
    return new SqlFilter().equals('g.organization_id', organizationId).equals('g.user_id', userId);
  }
}
