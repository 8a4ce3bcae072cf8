import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AccessCache } from '../cache/access-cache';

interface QueueRow {
  name: string;
  queued_count: number;
  active_count: number;
  deferred_count: number;
  failed_count: number;
}

/** The pg pool behind TypeORM (its driver keeps it as `master`). */
const poolOf = (dataSource: DataSource): Pool | undefined =>
  (dataSource.driver as unknown as { master?: Pool }).master;

/**
 * The API's Prometheus metrics (seed 000's names, plus pool, cache and process metrics), in a
 * registry of this app's own so several apps in one process (tests) do not collide.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'api_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'api_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(@InjectDataSource() dataSource: DataSource, access: AccessCache) {
    collectDefaultMetrics({ register: this.registry });
    const pool = () => poolOf(dataSource);
    new Gauge({
      name: 'database_connections_active',
      help: 'Database connections in use (checked out of the pool)',
      registers: [this.registry],
      collect() {
        const p = pool();
        this.set(p ? p.totalCount - p.idleCount : 0);
      },
    });
    new Gauge({
      name: 'database_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        this.set({ state: 'total' }, p?.totalCount ?? 0);
        this.set({ state: 'idle' }, p?.idleCount ?? 0);
        this.set({ state: 'waiting' }, p?.waitingCount ?? 0);
      },
    });
    new Gauge({
      name: 'job_queue_jobs',
      help: 'Background jobs per queue and state (pg-boss statistics, refreshed by the worker)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await dataSource
          .query<QueueRow[]>(
            `select name, queued_count, active_count, deferred_count, failed_count from pgboss.queue order by name`,
          )
          .catch(() => [] as QueueRow[]);
        for (const row of rows)
          for (const state of ['queued', 'active', 'deferred', 'failed'] as const)
            this.set({ queue: row.name, state }, row[`${state}_count`]);
      },
    });
    new Gauge({
      name: 'cache_hit_rate',
      help: 'Share of authorization lookups answered from the cache since start',
      registers: [this.registry],
      collect() {
        this.set(access.hitRate);
      },
    });
    new Gauge({
      name: 'cache_lookups_total',
      help: 'Authorization cache lookups since start, by result (a counter exposed as gauge)',
      labelNames: ['result'] as const,
      registers: [this.registry],
      collect() {
        for (const [result, count] of Object.entries(access.stats)) this.set({ result }, count);
      },
    });
  }

  /** Counts one answered request (`route` is the route pattern, never the raw path: bounded labels). */
  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
