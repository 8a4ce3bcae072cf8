import { createServer, Server } from 'node:http';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { JobWorker } from '@erp/platform';

/**
 * `GET /health/live` (the process answers) and `GET /health/ready` (pg-boss is started and the
 * database answers; 503 otherwise, and from the moment shutdown begins), on `node:http`.
 */
export async function startWorkerHealth(
  port: number,
  worker: JobWorker,
  dataSource: DataSource,
): Promise<Server> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.url === '/health/live') return reply(200, { status: 'ok' });
    if (req.url !== '/health/ready') return reply(404, { status: 'not found' });
    if (!worker.started) return reply(503, { status: 'down', checks: { jobs: 'stopped' } });
    dataSource.query('select 1').then(
      () => reply(200, { status: 'ok', checks: { database: 'up', jobs: 'started' } }),
      () => reply(503, { status: 'down', checks: { database: 'down', jobs: 'started' } }),
    );
  });
  server.listen(port, '0.0.0.0');
  await once(server, 'listening');
  return server;
}
