import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import { API_KEY_PREFIX, fetchPage, RequestTransaction, SqlFilter } from '@erp/platform';
import { apiKeyStatus, ApiKeyStatus } from '../domain/api-key';
import { iso } from './iso-timestamp';

/** A key as its owner sees it: never the key itself nor its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  organization_id: string;
  /** The public start of the key (`erpk_` and its lookup id), to tell keys apart. */
  prefix: string;
  scopes: string[] | null;
  status: ApiKeyStatus;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

interface ApiKeyRow {
  id: string;
  name: string;
  organization_id: string;
  lookup_id: string;
  scopes: string[] | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
  now: Date;
}

export const API_KEY_SORT = { created_at: 'k.created_at', name: 'k.name', last_used_at: 'k.last_used_at' };

const COLUMNS = `k.id, k.name, k.organization_id, k.lookup_id, k.scopes, k.expires_at, k.last_used_at,
  k.revoked_at, k.created_at, now() as now`;

const isoOrNull = (value: Date | null): string | null => (value ? iso(value) : null);

const toView = (row: ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  organization_id: row.organization_id,
  prefix: `${API_KEY_PREFIX}${row.lookup_id}`,
  scopes: row.scopes,
  status: apiKeyStatus(row.revoked_at, row.expires_at, new Date(row.now)),
  expires_at: isoOrNull(row.expires_at),
  last_used_at: isoOrNull(row.last_used_at),
  revoked_at: isoOrNull(row.revoked_at),
  created_at: iso(row.created_at),
});

/** The caller's own keys, across organizations (the own-rows policy shows them; the filter keeps to them). */
@Injectable()
export class ApiKeyQueries {
  constructor(private readonly tx: RequestTransaction) {}

  async listOwn(
    userId: string,
    request: PageRequest,
    filters: { organizationId?: string; q?: string },
  ): Promise<Page<ApiKeyView>> {
    const where = new SqlFilter()
      .equals('k.user_id', userId)
      .equals('k.organization_id', filters.organizationId)
      .contains(['k.name'], filters.q);
    return fetchPage(this.tx.manager, {
      columns: COLUMNS,
      from: 'api_keys k',
      where,
      request,
      tiebreak: 'k.id',
      toView,
    });
  }

  /** Every key of the user in the organization, oldest first (for a data export). */
  async allOf(userId: string, organizationId: string): Promise<ApiKeyView[]> {
    const where = new SqlFilter().equals('k.user_id', userId).equals('k.organization_id', organizationId);
    const rows = await this.tx.manager.query<ApiKeyRow[]>(
      `select ${COLUMNS} from api_keys k ${where.sql} order by k.created_at, k.id`,
      where.params,
    );
    return rows.map(toView);
  }

  async getOwn(userId: string, id: string): Promise<ApiKeyView | null> {
    const where = new SqlFilter().equals('k.user_id', userId).equals('k.id', id);
    const rows = await this.tx.manager.query<ApiKeyRow[]>(
      `select ${COLUMNS} from api_keys k ${where.sql}`,
      where.params,
    );
    return rows[0] ? toView(rows[0]) : null;
  }
}
