// First import of main.ts: tracing must patch http, pg and Redis before anything requires them.
import { startTracing } from '@erp/platform/observability/tracing';

startTracing('erp-api');
