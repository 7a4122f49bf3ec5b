import { ROLLUP_DIMENSIONS } from '@kubetrail/enrich';
import type { PoolClient } from '../pool';
import { EVENT_TABLE } from './event-table';

export const ROLLUP_TABLE = 'audit_events_hourly';

const COLUMN_OF: Record<(typeof ROLLUP_DIMENSIONS)[number], { column: string; type: string }> = {
  verb: { column: 'verb', type: 'text' },
  apiGroup: { column: 'api_group', type: 'text' },
  resource: { column: 'resource', type: 'text' },
  subresource: { column: 'subresource', type: 'text' },
  namespace: { column: 'namespace', type: 'text' },
  username: { column: 'username', type: 'text' },
  userKind: { column: 'user_kind', type: 'text' },
  statusCode: { column: 'status_code', type: 'int' },
};

/** The rollup's dimension columns, in ROLLUP_DIMENSIONS order. */
export const ROLLUP_DIMENSION_COLUMNS = ROLLUP_DIMENSIONS.map((d) => COLUMN_OF[d].column);
const DIMENSION_LIST = ROLLUP_DIMENSION_COLUMNS.join(', ');
const KEY = `cluster_id, hour, ${DIMENSION_LIST}`;
const ADD = `ON CONFLICT (${KEY}) DO UPDATE SET events = ${ROLLUP_TABLE}.events + EXCLUDED.events`;

const UNNEST = [
  '$2::timestamptz[]',
  ...ROLLUP_DIMENSIONS.map((d, i) => `$${i + 3}::${COLUMN_OF[d].type}[]`),
  `$${ROLLUP_DIMENSIONS.length + 3}::bigint[]`,
].join(', ');

/**
 * Adds a batch's precomputed counts (enrich's RollupRow: hour, dimensions…,
 * events) to the cluster's hourly rollups, inside the batch's transaction.
 */
export async function addRollupRows(
  client: PoolClient,
  clusterId: string,
  rows: readonly (readonly (string | number | null)[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Array.from({ length: ROLLUP_DIMENSIONS.length + 2 }, (_, i) => rows.map((r) => r[i] ?? null));
  await client.query(`INSERT INTO ${ROLLUP_TABLE} (${KEY}, events) SELECT $1, r.* FROM unnest(${UNNEST}) AS r ${ADD}`, [
    clusterId,
    ...columns,
  ]);
}

/**
 * Moves rows from a staging table into the event table, skipping events
 * already stored, and counts exactly the inserted ones into the rollups.
 * Returns how many were inserted.
 */
export async function insertNewEventsWithRollups(client: PoolClient, clusterId: string, staging: string): Promise<number> {
  const { rows } = await client.query<{ stored: number }>(
    `WITH inserted AS (
       INSERT INTO ${EVENT_TABLE} SELECT * FROM ${staging} ON CONFLICT DO NOTHING RETURNING ts, ${DIMENSION_LIST}
     ), counted AS (
       INSERT INTO ${ROLLUP_TABLE} (${KEY}, events)
       SELECT $1, date_trunc('hour', ts, 'UTC'), ${DIMENSION_LIST}, count(*) FROM inserted
       GROUP BY 2, ${DIMENSION_LIST} ORDER BY 2, ${DIMENSION_LIST}
       ${ADD}
     )
     SELECT count(*)::int AS stored FROM inserted`,
    [clusterId],
  );
  return rows[0]!.stored;
}
