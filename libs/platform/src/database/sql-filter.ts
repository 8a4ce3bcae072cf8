import { offsetOf, Page, pageOf, PageRequest } from '@erp/kernel';
import type { EntityManager } from 'typeorm';
import type { PolicyColumns } from '../authorization/policy/to-sql';
import { policySql, RecordScope, toRecordScope } from '../authorization/record-scope';

/** `text` as an `ilike` pattern matching it anywhere; `%`, `_` and `\` in it match themselves. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Builds a parameterized WHERE clause: values always travel as `$n` parameters, never in the SQL text. */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds `value` as the next parameter and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(clause: string): this {
    this.clauses.push(`(${clause})`);
    return this;
  }

  /** `column = value`, or nothing when the value is not given (an unused filter). */
  equals(column: string, value: unknown): this {
    return value === undefined || value === null ? this : this.and(`${column} = ${this.param(value)}`);
  }

  /** Only rows of the given departments; `'all'` adds nothing, an empty list matches no row. */
  departments(column: string, scope: 'all' | readonly string[]): this {
    if (scope === 'all') return this;
    return this.and(scope.length === 0 ? 'false' : `${column} = any(${this.param(scope)}::uuid[])`);
  }

  /**
   * Only the records `scope` lets the caller see: its departments (column `columns.department`)
   * and the policies' condition translated over `columns`, with every value as a parameter.
   */
  within(scope: RecordScope | 'all' | readonly string[], columns: PolicyColumns): this {
    const full = toRecordScope(scope);
    this.departments(columns.department, full.departments);
    const condition = policySql(full, columns, (value) => this.param(value));
    return condition === null ? this : this.and(condition);
  }

  /** Case-insensitive substring search over `columns`; `%`, `_` and `\` in the text match themselves. */
  contains(columns: string[], text: string | undefined): this {
    if (text === undefined || text.trim() === '') return this;
    const pattern = this.param(likePattern(text.trim()));
    return this.and(columns.map((c) => `${c} ilike ${pattern}`).join(' or '));
  }

  get sql(): string {
    return this.clauses.length > 0 ? `where ${this.clauses.join(' and ')}` : '';
  }
}

/** ORDER BY from an allow-listed sort (its fields are SQL expressions chosen by the code), then `tiebreak`. */
export const orderBy = (request: PageRequest, tiebreak: string): string =>
  `order by ${[...request.sort.map((s) => `${s.field} ${s.direction}`), tiebreak].join(', ')}`;

/** Sorts an enumerated column by the enumeration's order rather than alphabetically. */
export const enumOrder = (column: string, values: readonly string[]): string =>
  `array_position(array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[], ${column}::text)`;

export const isoDate = (column: string, alias: string): string =>
  `to_char(${column}, 'YYYY-MM-DD') as ${alias}`;

export interface PageQuery<Row, View> {
  /** `select` list without the keyword, and the `from` clause with its alias. */
  columns: string;
  from: string;
  where: SqlFilter;
  request: PageRequest;
  tiebreak: string;
  toView: (row: Row) => View;
}

/**
 * One page and the total in one round trip (`count(*) over ()`); only a page past the end, which
 * has no row to carry the total, costs a second query.
 */
export async function fetchPage<Row, View>(
  manager: EntityManager,
  query: PageQuery<Row, View>,
): Promise<Page<View>> {
  const { columns, from, where, request } = query;
  const n = where.params.length;
  const rows: (Row & { total__: number })[] = await manager.query(
    `select ${columns}, count(*) over ()::int as total__ from ${from} ${where.sql}
     ${orderBy(request, query.tiebreak)} limit $${n + 1} offset $${n + 2}`,
    [...where.params, request.size, offsetOf(request)],
  );
  let total = rows[0]?.total__ ?? 0;
  if (rows.length === 0 && request.page > 1) {
    const counted: { n: number }[] = await manager.query(
      `select count(*)::int as n from ${from} ${where.sql}`,
      where.params,
    );
    total = counted[0].n;
  }
  return pageOf(
    rows.map(({ total__: _total, ...row }) => query.toView(row as Row)),
    total,
    request,
  );
}

/** A single record's view and the version its ETag is built from. */
export interface Found<View> {
  view: View;
  version: number;
}
