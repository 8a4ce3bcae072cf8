import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from '../../support/process';
import { ChildServer } from './child-process';

/** The balancer's configuration: round robin over `servers`, each health-checked on /health/ready. */
export function haproxyConfig(port: number, servers: { name: string; port: number }[]): string {
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 30s',
    '  timeout server 30s',
    // Longer than the client's keep-alive, so an idle connection is closed by the client first.
    '  timeout http-keep-alive 30s',
    '  option forwardfor',
    '  option redispatch 1',
    '  retries 3',
    // Only failures where the server surely did not answer; POSTs carry an Idempotency-Key anyway.
    '  retry-on conn-failure empty-response',
    'frontend api',
    `  bind 127.0.0.1:${port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /health/ready',
    '  http-check expect status 200',
    '  default-server inter 300 fall 2 rise 2',
    // Which instance answered, so tests can see both served.
    '  http-response set-header X-Served-By %s',
    ...servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`),
    '',
  ].join('\n');
}

/** haproxy on a free loopback port in front of the API instances. */
export class Haproxy {
  private constructor(
    private readonly server: ChildServer,
    readonly port: number,
  ) {}

  static async start(dir: string, servers: { name: string; port: number }[]): Promise<Haproxy> {
    const port = await freePort();
    const config = join(dir, 'haproxy.cfg');
    writeFileSync(config, haproxyConfig(port, servers));
    const server = ChildServer.start('haproxy', 'haproxy', ['-db', '-f', config], join(dir, 'haproxy.log'));
    const haproxy = new Haproxy(server, port);
    await waitFor(async () => (await fetch(`${haproxy.base}/health/live`)).status === 200, 15_000).catch(
      (error: unknown) => {
        throw new Error(`haproxy did not start:\n${server.tail()}`, { cause: error });
      },
    );
    return haproxy;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
