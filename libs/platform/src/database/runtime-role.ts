/**
 * The role every tenant query runs as: it owns nothing, is not a superuser and cannot bypass
 * row-level security. Created by the first migration; the API's pool switches to it at connect.
 */
export const RUNTIME_ROLE = 'erp_app';

/** PostgreSQL session options that make a pooled connection act as the runtime role from its first statement. */
export const RUNTIME_CONNECTION_OPTIONS = `-c role=${RUNTIME_ROLE}`;
