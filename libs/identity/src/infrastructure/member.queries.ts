import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import { RequestTransaction } from '@erp/platform';
import { containing, Found, iso, selectPage, SqlFilter } from './sql-page';

/** A member as the organization sees them: the user account joined with the membership. */
export interface MemberView {
  id: string;
  email: string;
  full_name: string;
  department_id: string | null;
  joined_at: string;
  is_active: boolean;
}

interface MemberRow extends Omit<MemberView, 'joined_at'> {
  joined_at: Date;
  version: number;
}

export const MEMBER_SORT = { full_name: 'u.full_name', email: 'u.email', joined_at: 'm.joined_at' };

const COLUMNS = `u.id, u.email, u.full_name, m.department_id, m.joined_at, m.is_active, (u.version + m.version) as version`;
const FROM = 'memberships m join users u on u.id = m.user_id';

const toView = ({ version: _version, ...row }: MemberRow): MemberView => ({
  ...row,
  joined_at: iso(row.joined_at),
});

/**
 * Active members of the organization, narrowed to the departments the caller may read users in.
 * The ETag version of a member combines the account's and the membership's versions: a change to
 * either moves it forward.
 */
@Injectable()
export class MemberQueries {
  constructor(private readonly tx: RequestTransaction) {}

  async list(
    organizationId: string,
    scope: 'all' | string[],
    request: PageRequest,
    filters: { q?: string; departmentId?: string },
  ): Promise<Page<MemberView>> {
    const filter = this.visible(organizationId, scope);
    if (filters.departmentId) filter.and(`m.department_id = ${filter.param(filters.departmentId)}`);
    if (filters.q) {
      const q = filter.param(containing(filters.q));
      filter.and(`(u.full_name ilike ${q} or u.email ilike ${q})`);
    }
    const page = await selectPage<MemberRow>(
      this.tx.manager,
      { columns: COLUMNS, from: FROM, filter, tiebreak: 'u.id' },
      request,
    );
    return { ...page, items: page.items.map(toView) };
  }

  /** One active member, or null when not a member here or outside `scope`. */
  async get(
    organizationId: string,
    userId: string,
    scope: 'all' | string[],
  ): Promise<Found<MemberView> | null> {
    const filter = this.visible(organizationId, scope);
    filter.and(`m.user_id = ${filter.param(userId)}`);
    const rows = await this.tx.manager.query<MemberRow[]>(
      `select ${COLUMNS} from ${FROM} ${filter.sql}`,
      filter.params,
    );
    return rows[0] ? { view: toView(rows[0]), version: Number(rows[0].version) } : null;
  }

  private visible(organizationId: string, scope: 'all' | string[]): SqlFilter {
    const filter = new SqlFilter();
    filter.and(`m.organization_id = ${filter.param(organizationId)}`).and('m.is_active');
    if (scope !== 'all') filter.and(`m.department_id = any(${filter.param(scope)}::uuid[])`);
    return filter;
  }
}
