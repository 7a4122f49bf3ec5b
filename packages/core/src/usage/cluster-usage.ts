import { AppError } from '@kubetrail/contracts';
import { dayPartitionSizes } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';

export interface ClusterUsageQuery {
  projectId: string;
  clusterId?: string;
  /** first UTC day, inclusive (YYYY-MM-DD) */
  from?: string;
  /** last UTC day, inclusive (YYYY-MM-DD) */
  to?: string;
}

export interface ClusterUsageRow {
  clusterId: string;
  day: string;
  /** events in the batches the ingest accepted that day, kept or dropped by the platform's policy guard */
  eventsReceived: number;
  /** rows actually inserted (events sent twice are not counted again) */
  eventsStored: number;
  /** events the platform-side policy guard left out (the agent's own drops are not reported to the platform) */
  droppedByPolicy: number;
  /** bytes as received on the wire (compressed when the sender gzipped) */
  ingestedBytes: number;
  /** bytes after decompression */
  ingestedBytesRaw: number;
  /** pg_total_relation_size of the cluster's partition for that day, read now; 0 once dropped */
  storedBytes: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function checkDay(name: string, day: string | undefined): void {
  if (day === undefined) return;
  const parsed = Date.parse(`${day}T00:00:00Z`);
  if (!DAY.test(day) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== day)
    throw new AppError('BAD_REQUEST', `${name} must be a UTC day YYYY-MM-DD, got "${day}"`);
}

/**
 * Metered usage per cluster and UTC day. Counters come from `usage_daily`
 * (the day the ingest received the batch); storedBytes is the size of the
 * day partition of that day (event time), so a day with stored events but no
 * batch received that day also appears, with zero counters.
 */
export async function clusterUsage(deps: Pick<CoreDeps, 'pool'>, query: ClusterUsageQuery): Promise<ClusterUsageRow[]> {
  checkDay('from', query.from);
  checkDay('to', query.to);
  if (query.from && query.to && query.from > query.to) throw new AppError('BAD_REQUEST', `from ${query.from} is after to ${query.to}`);
  const clusters = await deps.pool.query<{ id: string }>(
    'SELECT id FROM clusters WHERE project_id = $1 AND ($2::text IS NULL OR id = $2) ORDER BY id',
    [query.projectId, query.clusterId ?? null],
  );
  if (query.clusterId && clusters.rows.length === 0) throw new AppError('NOT_FOUND', `no cluster "${query.clusterId}" in this project`);
  const ids = clusters.rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const { rows } = await deps.pool.query<{
    cluster_id: string;
    day: string;
    events_received: string;
    events_stored: string;
    dropped_by_policy: string;
    ingested_bytes_wire: string;
    ingested_bytes_raw: string;
  }>(
    `SELECT cluster_id, to_char(day, 'YYYY-MM-DD') AS day, events_received::text, events_stored::text, dropped_by_policy::text,
            ingested_bytes_wire::text, ingested_bytes_raw::text
       FROM usage_daily
      WHERE cluster_id = ANY($1) AND ($2::date IS NULL OR day >= $2::date) AND ($3::date IS NULL OR day <= $3::date)`,
    [ids, query.from ?? null, query.to ?? null],
  );
  const byKey = new Map<string, ClusterUsageRow>();
  for (const r of rows)
    byKey.set(`${r.cluster_id}\0${r.day}`, {
      clusterId: r.cluster_id,
      day: r.day,
      eventsReceived: Number(r.events_received),
      eventsStored: Number(r.events_stored),
      droppedByPolicy: Number(r.dropped_by_policy),
      ingestedBytes: Number(r.ingested_bytes_wire),
      ingestedBytesRaw: Number(r.ingested_bytes_raw),
      storedBytes: 0,
    });
  const inRange = (day: string): boolean => (!query.from || day >= query.from) && (!query.to || day <= query.to);
  for (const clusterId of ids) {
    for (const p of await dayPartitionSizes(deps.pool, clusterId)) {
      if (!inRange(p.day)) continue;
      const key = `${clusterId}\0${p.day}`;
      const row = byKey.get(key);
      if (row) row.storedBytes = p.bytes;
      // Partitions made ahead and still empty are not usage.
      else if (await partitionHasRows(deps, p.name))
        byKey.set(key, {
          clusterId,
          day: p.day,
          eventsReceived: 0,
          eventsStored: 0,
          droppedByPolicy: 0,
          ingestedBytes: 0,
          ingestedBytesRaw: 0,
          storedBytes: p.bytes,
        });
    }
  }
  return [...byKey.values()].sort((a, b) =>
    a.clusterId === b.clusterId ? (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) : a.clusterId < b.clusterId ? -1 : 1,
  );
}

async function partitionHasRows(deps: Pick<CoreDeps, 'pool'>, name: string): Promise<boolean> {
  const { rowCount } = await deps.pool.query(`SELECT 1 FROM "${name.replace(/"/g, '""')}" LIMIT 1`);
  return (rowCount ?? 0) > 0;
}
