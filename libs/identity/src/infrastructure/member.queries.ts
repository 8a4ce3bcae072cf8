import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import { fetchPage, Found, RequestTransaction, SqlFilter } from '@erp/platform';
import { iso } from './iso-timestamp';

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
    const where = this.visible(organizationId, scope)
      .equals('m.department_id', filters.departmentId)
      .contains(['u.full_name', 'u.email'], filters.q);
    return fetchPage(this.tx.manager, {
      columns: COLUMNS,
      from: FROM,
      where,
      request,
      tiebreak: 'u.id',
      toView,
    });
  }

  /** One active member, or null when not a member here or outside `scope`. */
  async get(
    organizationId: string,
    userId: string,
    scope: 'all' | string[],
  ): Promise<Found<MemberView> | null> {
    const where = this.visible(organizationId, scope).equals('m.user_id', userId);
    const rows = await this.tx.manager.query<MemberRow[]>(
      `select ${COLUMNS} from ${FROM} ${where.sql}`,
      where.params,
    );
    return rows[0] ? { view: toView(rows[0]), version: Number(rows[0].version) } : null;
  }

  private visible(organizationId: string, scope: 'all' | string[]): SqlFilter {
    return new SqlFilter()
      .equals('m.organization_id', organizationId)
      .and('m.is_active')
      .departments('m.department_id', scope);
  }
}
