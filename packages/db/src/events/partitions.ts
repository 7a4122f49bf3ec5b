import { withTransaction, type Pool, type PoolClient } from '../pool';
import { EVENT_TABLE, clusterPartitionName, dayPartitionName } from './event-table';
import { quoteIdent } from '../migrate/database-url';

type Queryable = Pool | PoolClient;

const DAY_MS = 86_400_000;

/** UTC calendar day `YYYY-MM-DD` of an instant. */
export function utcDay(instant: Date | string): string {
  // Audit timestamps are almost always UTC ("…Z"): read the day off the text
  // instead of building a Date per event.
  if (typeof instant === 'string' && instant.length >= 11 && instant.endsWith('Z') && instant[10] === 'T') return instant.slice(0, 10);
  return new Date(instant).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

// Partition DDL for one cluster is serialized so that concurrent workers do
// not race on CREATE TABLE … PARTITION OF.
const lockKey = (clusterId: string) => `kubetrail:partitions:${clusterId}`;

/** Creates the cluster's list partition (itself range-partitioned by day) if missing. */
export async function ensureClusterPartition(db: Queryable, clusterId: string): Promise<void> {
  const name = clusterPartitionName(clusterId);
  await db.query(
    `CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} PARTITION OF ${quoteIdent(EVENT_TABLE)}
       FOR VALUES IN ('${clusterId}') PARTITION BY RANGE (ts)`,
  );
}

/** Creates the day partitions that are missing; returns the days it created. */
export async function ensureDayPartitions(pool: Pool, clusterId: string, days: Iterable<string>): Promise<string[]> {
  const wanted = [...new Set(days)].sort();
  if (wanted.length === 0) return [];
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey(clusterId)]);
    await ensureClusterPartition(client, clusterId);
    const existing = new Set(await listDayPartitions(client, clusterId));
    const created: string[] = [];
    for (const day of wanted) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
      if (existing.has(day)) continue;
      await client.query(
        `CREATE TABLE ${quoteIdent(dayPartitionName(clusterId, day))} PARTITION OF ${quoteIdent(clusterPartitionName(clusterId))}
           FOR VALUES FROM ('${day}T00:00:00Z') TO ('${addDays(day, 1)}T00:00:00Z')`,
      );
      created.push(day);
    }
    return created;
  });
}

/** Days (UTC) that have a partition for the cluster, oldest first. */
export async function listDayPartitions(db: Queryable, clusterId: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name
       FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = $1`,
    [clusterPartitionName(clusterId)],
  );
  return rows
    .map((r) => /_d(\d{4})(\d{2})(\d{2})$/.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}-${m[2]}-${m[3]}`)
    .sort();
}
