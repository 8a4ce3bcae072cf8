import { offsetOf, Page, pageOf, PageRequest } from '@erp/kernel';
import type { EntityManager } from 'typeorm';

/** `q` as an `ilike` pattern matching it anywhere, with the wildcards in it taken literally. */
export const containing = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const iso = (value: Date | string): string =>
  (value instanceof Date ? value : new Date(value)).toISOString();

/** `where` clauses with numbered parameters, built up condition by condition. */
export class SqlFilter {
  private readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  /** Registers a parameter and answers its placeholder (`$1`, `$2`...). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  get sql(): string {
    return this.clauses.length > 0 ? `where ${this.clauses.join(' and ')}` : '';
  }
}

/**
 * One page of `select <columns> from <from> <filter>`, ordered by the request's (allow-listed)
 * sort expressions and then `tiebreak`, with the total count of matching rows.
 */
export async function selectPage<Row>(
  db: EntityManager,
  query: { columns: string; from: string; filter: SqlFilter; tiebreak: string },
  request: PageRequest,
): Promise<Page<Row>> {
  const { columns, from, filter, tiebreak } = query;
  const order = [...request.sort.map((s) => `${s.field} ${s.direction}`), tiebreak].join(', ');
  const [{ total }] = await db.query<{ total: number }[]>(
    `select count(*)::int as total from ${from} ${filter.sql}`,
    filter.params,
  );
  const limit = filter.param(request.size);
  const offset = filter.param(offsetOf(request));
  const rows = await db.query<Row[]>(
    `select ${columns} from ${from} ${filter.sql} order by ${order} limit ${limit} offset ${offset}`,
    filter.params,
  );
  return pageOf(rows, total, request);
}

/** A single record's view and the version its ETag is built from. */
export interface Found<View> {
  view: View;
  version: number;
}
