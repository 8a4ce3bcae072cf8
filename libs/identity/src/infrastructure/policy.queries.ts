import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import { fetchPage, Found, RequestTransaction, SqlFilter } from '@erp/platform';
import type { PolicyEffect } from '../domain/policy';
import { iso } from './iso-timestamp';

export interface PolicyView {
  id: string;
  name: string;
  description: string | null;
  permission: string;
  effect: PolicyEffect;
  condition: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PolicyFilters {
  permission?: string;
  effect?: PolicyEffect;
  q?: string;
}

type Row = Omit<PolicyView, 'created_at' | 'updated_at'> & {
  created_at: Date;
  updated_at: Date;
  version: number;
};

export const POLICY_SORT = {
  name: 'p.name',
  permission: 'p.permission',
  created_at: 'p.created_at',
  updated_at: 'p.updated_at',
};

const COLUMNS =
  'p.id, p.name, p.description, p.permission, p.effect, p.condition, p.created_by, p.created_at, p.updated_at, p.version';

const toView = ({ version: _version, ...row }: Row): PolicyView => ({
  ...row,
  created_at: iso(row.created_at),
  updated_at: iso(row.updated_at),
});

/** The organization's policies (organization-wide records). */
@Injectable()
export class PolicyQueries {
  constructor(private readonly tx: RequestTransaction) {}

  list(organizationId: string, filters: PolicyFilters, request: PageRequest): Promise<Page<PolicyView>> {
    const where = new SqlFilter()
      .equals('p.organization_id', organizationId)
      .equals('p.permission', filters.permission)
      .equals('p.effect', filters.effect)
      .contains(['p.name', 'p.condition'], filters.q);
    return fetchPage(this.tx.manager, {
      columns: COLUMNS,
      from: 'policies p',
      where,
      request,
      tiebreak: 'p.id',
      toView,
    });
  }

  async get(organizationId: string, id: string): Promise<Found<PolicyView> | null> {
    const rows = await this.tx.manager.query<Row[]>(
      `select ${COLUMNS} from policies p where p.organization_id = $1 and p.id = $2`,
      [organizationId, id],
    );
    return rows[0] ? { view: toView(rows[0]), version: rows[0].version } : null;
  }
}
