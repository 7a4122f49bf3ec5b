import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kubetrail_ingest_' });
  return {
    registry,
    requests: new Counter({
      name: 'kubetrail_ingest_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'kubetrail_ingest_request_duration_seconds',
      help: 'Time to answer a request, by route',
      labelNames: ['route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    eventsAccepted: new Counter({
      name: 'kubetrail_ingest_events_accepted_total',
      help: 'Events enqueued for storage',
      registers: [registry],
    }),
    eventsDroppedByPolicy: new Counter({
      name: 'kubetrail_ingest_events_dropped_by_policy_total',
      help: "Valid events left out by the cluster's audit policy at the ingest",
      registers: [registry],
    }),
    batchesAccepted: new Counter({
      name: 'kubetrail_ingest_batches_accepted_total',
      help: 'Batches enqueued for storage',
      registers: [registry],
    }),
    wireBytes: new Counter({
      name: 'kubetrail_ingest_received_bytes_total',
      help: 'Request body bytes as received',
      registers: [registry],
    }),
    // No cluster label: clusters come and go, and series per cluster would grow without bound.
    rateLimitedBatches: new Counter({
      name: 'kubetrail_ingest_rate_limited_total',
      help: 'Batches refused with 429 because their cluster was over its ingest quota (events/s)',
      registers: [registry],
    }),
    rateLimitedEvents: new Counter({
      name: 'kubetrail_ingest_rate_limited_events_total',
      help: "Events in the batches refused for their cluster's ingest quota (each retried batch counts again)",
      registers: [registry],
    }),
    queueDepth: new Gauge({ name: 'kubetrail_ingest_queue_depth', help: 'Store-batch jobs waiting (sampled)', registers: [registry] }),
  };
}
export type IngestMetrics = ReturnType<typeof createMetrics>;

/** One accepted batch, as both routes count it. */
export function countAccepted(metrics: IngestMetrics, result: { accepted: number; droppedByPolicy: number }): void {
  metrics.eventsAccepted.inc(result.accepted - result.droppedByPolicy);
  metrics.eventsDroppedByPolicy.inc(result.droppedByPolicy);
  metrics.batchesAccepted.inc();
}
