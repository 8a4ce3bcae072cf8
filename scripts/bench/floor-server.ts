/**
 * The floor: node:http + a pg Pool, no framework, answering the benchmark's three requests with
 * the data statement the API runs for each (copied from the API's statement log), one round trip
 * per request. It connects as the database URL's user, which must bypass row-level security (a
 * superuser, as on the local server); the API's transaction, set_config, authorization and audit
 * round trips are what the ratio to this floor measures.
 *
 * Run as a child process: `node -r @swc-node/register scripts/bench/floor-server.ts <url> <port>`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';

const COLUMNS = `t.id, t.organization_id, t.project_id, t.title, t.description, t.assignee_id, t.department_id,
  t.status, t.priority, to_char(t.due_date, 'YYYY-MM-DD') as due_date, t.created_by, t.created_at, t.updated_at, t.version`;
const BY_ID = `select ${COLUMNS} from tasks t where (t.organization_id = $1) and (t.id = $2)`;
const LIST = `select ${COLUMNS}, count(*) over ()::int as total__ from tasks t where (t.organization_id = $1) and (t.status = $2)
  order by t.due_date DESC, t.id limit $3 offset $4`;
const INSERT = `insert into tasks as t (id, organization_id, project_id, title, description, assignee_id, department_id,
  status, priority, due_date, created_by, version) values ($1, $2, null, $3, null, null, null, $4, $5, $6, $7, 1)
  returning ${COLUMNS}`;
const PATH = /^\/api\/v1\/organizations\/([0-9a-f-]{36})\/tasks(?:\/([0-9a-f-]{36}))?(?:\?(.*))?$/;

const [url, port, userId] = process.argv.slice(2);
type Row = Record<string, unknown>;
const pool = new Pool({ connectionString: url, max: 20, application_name: 'erp-bench-floor' });

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function readJson(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = PATH.exec(req.url ?? '');
  if (!match) return send(res, 404, { success: false });
  const [, organizationId, id, query] = match;
  if (req.method === 'GET' && id) {
    const { rows } = await pool.query<Row>(BY_ID, [organizationId, id]);
    return rows[0] ? send(res, 200, { success: true, data: rows[0] }) : send(res, 404, { success: false });
  }
  if (req.method === 'GET') {
    const params = new URLSearchParams(query);
    const size = Number(params.get('size') ?? 20);
    const { rows } = await pool.query<Row>(LIST, [organizationId, params.get('status'), size, 0]);
    const total = (rows[0]?.total__ as number | undefined) ?? 0;
    const items = rows.map(({ total__: _t, ...row }) => row);
    return send(res, 200, { success: true, data: items, meta: { total, page: 1, size } });
  }
  if (req.method === 'POST') {
    const body = await readJson(req);
    const { rows } = await pool.query<Row>(INSERT, [
      randomUUID(),
      organizationId,
      body.title,
      body.status ?? 'todo',
      body.priority ?? 'medium',
      body.due_date ?? null,
      userId,
    ]);
    return send(res, 201, { success: true, data: rows[0] });
  }
  send(res, 405, { success: false });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    if (!res.headersSent) send(res, 500, { success: false });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => console.log(`floor listening on ${port}`));
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
