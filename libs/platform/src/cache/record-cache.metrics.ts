import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Metrics } from '../observability/metrics';
import { RecordCache } from './record-cache';

/** The record cache's lookups and hit rate per record type, on the API's `/metrics`. */
@Injectable()
export class RecordCacheMetrics {
  constructor(metrics: Metrics, cache: RecordCache) {
    new Gauge({
      name: 'record_cache_lookups_total',
      help: 'Single-record cache lookups since start, by record type and result (a counter exposed as gauge)',
      labelNames: ['type', 'result'] as const,
      registers: [metrics.registry],
      collect() {
        for (const [type, stats] of cache.stats)
          for (const [result, count] of Object.entries(stats)) this.set({ type, result }, count);
      },
    });
    new Gauge({
      name: 'record_cache_hit_rate',
      help: 'Share of single-record lookups answered from the cache since start, by record type',
      labelNames: ['type'] as const,
      registers: [metrics.registry],
      collect() {
        for (const [type, { hits, misses }] of cache.stats)
          this.set({ type }, hits + misses === 0 ? 0 : hits / (hits + misses));
      },
    });
  }
}
