import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import { RequestTransaction } from '@erp/platform';
import { containing, iso, selectPage, SqlFilter } from './sql-page';

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
    const filter = this.ofUser(organizationId, userId);
    if (q) {
      const pattern = filter.param(containing(q));
      filter.and(`(r.code ilike ${pattern} or r.name ilike ${pattern})`);
    }
    const page = await selectPage<RoleGrantRow>(
      this.tx.manager,
      { columns: COLUMNS, from: FROM, filter, tiebreak: 'g.id' },
      request,
    );
    return { ...page, items: page.items.map(toView) };
  }

  async get(organizationId: string, grantId: string): Promise<RoleGrantView | null> {
    const filter = new SqlFilter();
    filter.and(`g.organization_id = ${filter.param(organizationId)}`).and(`g.id = ${filter.param(grantId)}`);
    const rows = await this.tx.manager.query<RoleGrantRow[]>(
      `select ${COLUMNS} from ${FROM} ${filter.sql}`,
      filter.params,
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  private ofUser(organizationId: string, userId: string): SqlFilter {
    const filter = new SqlFilter();
    return filter
      .and(`g.organization_id = ${filter.param(organizationId)}`)
      .and(`g.user_id = ${filter.param(userId)}`);
  }
}
