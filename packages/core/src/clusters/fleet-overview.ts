import { addDays, utcDay, type Pool } from '@kubetrail/db';

export type AgentStatus = 'healthy' | 'lagging' | 'silent' | 'waiting' | 'disabled';

export interface DailyEvents {
  /** UTC day, `YYYY-MM-DD` */
  day: string;
  events: number;
}

export interface FleetRow {
  clusterId: string;
  clusterName: string;
  projectName: string;
  type: string;
  auditEnabled: boolean;
  retentionDays: number;
  /** events of the current UTC hour and the 23 before it, from the hourly rollups */
  eventsLast24h: number;
  /** the last 7 UTC days, oldest first, today last; days without events count 0 */
  eventsPerDay: DailyEvents[];
  lastEventAt: Date | null;
  lastHeartbeatAt: Date | null;
  agentVersion: string | null;
  kubernetesVersion: string | null;
  lagSeconds: number | null;
  status: AgentStatus;
}

/** The latest heartbeat of one agent stream (a node and log lineage). */
export interface AgentStreamView {
  streamId: string;
  agentVersion: string;
  kubernetesVersion: string | null;
  mode: string;
  lagSeconds: number;
  pendingBatches: number;
  receivedAt: Date;
}

export interface ClusterDetail extends FleetRow {
  /** tokens not revoked */
  liveTokens: number;
  /** every stream that has called in, most recent first */
  streams: AgentStreamView[];
}

/** An agent that has not called in for this long is silent. */
export const SILENT_AFTER_SECONDS = 120;
export const LAGGING_AFTER_SECONDS = 60;
export const EVENTS_PER_DAY_DAYS = 7;

const HOUR_MS = 3_600_000;

export function agentStatus(row: Pick<FleetRow, 'auditEnabled' | 'lastHeartbeatAt' | 'lagSeconds'>, now: Date): AgentStatus {
  if (!row.auditEnabled) return 'disabled';
  if (!row.lastHeartbeatAt) return 'waiting';
  if (now.getTime() - row.lastHeartbeatAt.getTime() > SILENT_AFTER_SECONDS * 1000) return 'silent';
  if ((row.lagSeconds ?? 0) > LAGGING_AFTER_SECONDS) return 'lagging';
  return 'healthy';
}

/** A project's clusters with their agents' health and event counts, for the clusters page. */
export async function fleetOverview(pool: Pool, projectId: string, now = new Date()): Promise<FleetRow[]> {
  return overviewRows(pool, projectId, null, now);
}

/** One cluster of the project as on the clusters page, with its live tokens and every agent stream; null if the project has no such cluster. */
export async function clusterDetail(pool: Pool, projectId: string, clusterId: string, now = new Date()): Promise<ClusterDetail | null> {
  const [row] = await overviewRows(pool, projectId, clusterId, now);
  if (!row) return null;
  const [tokens, streams] = await Promise.all([
    pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cluster_tokens WHERE cluster_id = $1 AND revoked_at IS NULL', [clusterId]),
    pool.query<AgentStreamView>(
      `SELECT stream_id AS "streamId", agent_version AS "agentVersion", kubernetes_version AS "kubernetesVersion", mode,
              lag_seconds AS "lagSeconds", pending_batches AS "pendingBatches", received_at AS "receivedAt"
         FROM agent_heartbeats WHERE cluster_id = $1 ORDER BY received_at DESC, stream_id`,
      [clusterId],
    ),
  ]);
  return { ...row, liveTokens: tokens.rows[0]!.n, streams: streams.rows };
}

interface OverviewRow extends Omit<FleetRow, 'status' | 'eventsPerDay' | 'lastEventAt'> {
  perDay: Record<string, number> | null;
  lastEventHour: Date | null;
}

/**
 * Counts come from the hourly rollups, never from the events. The last
 * event's time is read from the events, but only within the newest hour the
 * rollups hold, so it touches one day partition's index.
 */
async function overviewRows(pool: Pool, projectId: string, clusterId: string | null, now: Date): Promise<FleetRow[]> {
  const today = utcDay(now);
  const days = Array.from({ length: EVENTS_PER_DAY_DAYS }, (_, i) => addDays(today, i - EVENTS_PER_DAY_DAYS + 1));
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const { rows } = await pool.query<OverviewRow>(
    `WITH scope AS (
       SELECT c.id, c.name, c.type, c.audit_enabled, c.retention_days, p.name AS project_name
         FROM clusters c JOIN projects p ON p.id = c.project_id
        WHERE c.project_id = $1 AND ($2::text IS NULL OR c.id = $2)
     ), beats AS (
       SELECT DISTINCT ON (cluster_id) cluster_id, received_at, agent_version, kubernetes_version, lag_seconds
         FROM agent_heartbeats WHERE cluster_id IN (SELECT id FROM scope) ORDER BY cluster_id, received_at DESC
     ), daily AS (
       SELECT cluster_id, to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(events) AS events,
              sum(events) FILTER (WHERE hour >= $4) AS recent
         FROM audit_events_hourly
        WHERE cluster_id IN (SELECT id FROM scope) AND hour >= $3 AND hour < $5
        GROUP BY 1, 2
     ), rolled AS (
       SELECT cluster_id, jsonb_object_agg(day, events) AS per_day, sum(recent) AS recent FROM daily GROUP BY cluster_id
     )
     SELECT s.id AS "clusterId", s.name AS "clusterName", s.project_name AS "projectName", s.type::text AS type,
            s.audit_enabled AS "auditEnabled", s.retention_days AS "retentionDays",
            COALESCE(r.recent, 0)::float8 AS "eventsLast24h", r.per_day AS "perDay",
            (SELECT max(h.hour) FROM audit_events_hourly h WHERE h.cluster_id = s.id) AS "lastEventHour",
            b.received_at AS "lastHeartbeatAt", b.agent_version AS "agentVersion",
            b.kubernetes_version AS "kubernetesVersion", b.lag_seconds AS "lagSeconds"
       FROM scope s
       LEFT JOIN beats b ON b.cluster_id = s.id
       LEFT JOIN rolled r ON r.cluster_id = s.id
      ORDER BY s.name, s.id`,
    // Up to the end of the next hour: events of agents whose clocks run a little ahead count too.
    [projectId, clusterId, `${days[0]}T00:00:00Z`, new Date(currentHour - 23 * HOUR_MS), new Date(currentHour + 2 * HOUR_MS)],
  );
  return Promise.all(
    rows.map(async ({ perDay, lastEventHour, ...row }) => ({
      ...row,
      eventsPerDay: days.map((day) => ({ day, events: Number(perDay?.[day] ?? 0) })),
      // The hour itself when retention has dropped its events since.
      lastEventAt: lastEventHour && ((await lastEventIn(pool, row.clusterId, lastEventHour)) ?? lastEventHour),
      status: agentStatus(row, now),
    })),
  );
}

/**
 * The newest event time within one rollup hour. Both bounds are parameters,
 * so PostgreSQL prunes to the cluster's partition of that day when planning.
 */
async function lastEventIn(pool: Pool, clusterId: string, hour: Date): Promise<Date | null> {
  const { rows } = await pool.query<{ ts: Date | null }>(
    'SELECT max(ts) AS ts FROM audit_events WHERE cluster_id = $1 AND ts >= $2 AND ts < $3',
    [clusterId, hour, new Date(hour.getTime() + HOUR_MS)],
  );
  return rows[0]?.ts ?? null;
}
