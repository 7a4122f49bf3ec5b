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

// One advisory lock per cluster guards its event storage. Partition DDL takes
// it exclusively, so concurrent workers do not race on CREATE TABLE …
// PARTITION OF; each batch transaction takes it shared, so deleting the
// cluster (exclusive) waits for the batches in flight and holds off new ones.
const lockKey = (clusterId: string) => `kubetrail:partitions:${clusterId}`;

/** Takes the cluster's storage lock until the end of the transaction `client` is in. */
export async function lockClusterStorage(client: PoolClient, clusterId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await client.query(`SELECT ${fn}(hashtext($1))`, [lockKey(clusterId)]);
}

/** Creates the cluster's list partition (itself range-partitioned by day) if missing. */
export async function ensureClusterPartition(db: Queryable, clusterId: string): Promise<void> {
  const name = clusterPartitionName(clusterId);
  await db.query(
    `CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} PARTITION OF ${quoteIdent(EVENT_TABLE)}
       FOR VALUES IN ('${clusterId}') PARTITION BY RANGE (ts)`,
  );
}

/**
 * Creates the day partitions that are missing; returns the days it created.
 * Creates nothing for a cluster that no longer exists, so a batch or a
 * maintenance run racing the cluster's deletion leaves no partitions behind.
 */
export async function ensureDayPartitions(pool: Pool, clusterId: string, days: Iterable<string>): Promise<string[]> {
  const wanted = [...new Set(days)].sort();
  if (wanted.length === 0) return [];
  return withTransaction(pool, async (client) => {
    await lockClusterStorage(client, clusterId, 'exclusive');
    const { rowCount } = await client.query('SELECT 1 FROM clusters WHERE id = $1', [clusterId]);
    if (rowCount === 0) return [];
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

/**
 * Drops the cluster's list partition with all its day partitions. Dropping a
 * partition takes an ACCESS EXCLUSIVE lock on `audit_events` until the
 * transaction ends, so call it last, just before committing.
 */
export async function dropClusterPartition(client: PoolClient, clusterId: string): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${quoteIdent(clusterPartitionName(clusterId))}`);
}

/**
 * Drops one day partition of the cluster (all its events at once, never row
 * by row); returns whether it existed. Call it in a transaction holding the
 * cluster's storage lock exclusively: batches hold it shared, so none is
 * writing into the day while it goes. Like every partition drop it locks
 * `audit_events` until the commit, so keep the transaction short.
 */
export async function dropDayPartition(client: PoolClient, clusterId: string, day: string): Promise<boolean> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  const name = dayPartitionName(clusterId, day);
  const { rowCount } = await client.query('SELECT 1 FROM pg_class WHERE relname = $1 AND relkind = $2', [name, 'r']);
  if ((rowCount ?? 0) === 0) return false;
  await client.query(`DROP TABLE ${quoteIdent(name)}`);
  return true;
}

/** The cluster's day partitions with their on-disk size (table, indexes, TOAST), oldest first. */
export async function dayPartitionSizes(db: Queryable, clusterId: string): Promise<{ day: string; name: string; bytes: number }[]> {
  const { rows } = await db.query<{ name: string; bytes: string }>(
    `SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes
       FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = $1`,
    [clusterPartitionName(clusterId)],
  );
  return rows
    .map((r) => ({ r, m: /_d(\d{4})(\d{2})(\d{2})$/.exec(r.name) }))
    .filter((x): x is { r: { name: string; bytes: string }; m: RegExpExecArray } => x.m !== null)
    .map(({ r, m }) => ({ day: `${m[1]}-${m[2]}-${m[3]}`, name: r.name, bytes: Number(r.bytes) }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
