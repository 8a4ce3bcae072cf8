import { RUNTIME_ROLE } from '@erp/platform/database/runtime-role';

export const CURRENT_ORGANIZATION = `nullif(current_setting('app.organization_id', true), '')::uuid`;
export const CURRENT_USER_ID = `nullif(current_setting('app.user_id', true), '')::uuid`;
export const IS_PLATFORM_ADMIN = `coalesce(current_setting('app.platform_admin', true), '') = 'on'`;

/** Row-level security for a table whose rows belong to one organization: enabled, FORCED, one policy. */
export const protectTenantTable = (table: string): string[] => [
  `alter table ${table} enable row level security`,
  `alter table ${table} force row level security`,
  `create policy tenant_isolation on ${table} using (organization_id = ${CURRENT_ORGANIZATION}) with check (organization_id = ${CURRENT_ORGANIZATION})`,
  `grant select, insert, update, delete on ${table} to ${RUNTIME_ROLE}`,
];

/** A second, read-only policy letting the caller see their own rows across organizations. */
export const allowOwnRows = (table: string, column = 'user_id'): string =>
  `create policy own_rows on ${table} for select using (${column} = ${CURRENT_USER_ID})`;
