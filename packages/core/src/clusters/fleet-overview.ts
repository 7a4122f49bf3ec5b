import type { Pool } from '@kubetrail/db';

export type AgentStatus = 'healthy' | 'lagging' | 'silent' | 'waiting' | 'disabled';

export interface FleetRow {
  clusterId: string;
  clusterName: string;
  projectName: string;
  type: string;
  auditEnabled: boolean;
  retentionDays: number;
  eventsLast24h: number;
  lastEventAt: Date | null;
  lastHeartbeatAt: Date | null;
  agentVersion: string | null;
  kubernetesVersion: string | null;
  lagSeconds: number | null;
  status: AgentStatus;
}

/** An agent that has not called in for this long is silent. */
export const SILENT_AFTER_SECONDS = 120;
export const LAGGING_AFTER_SECONDS = 60;

export function agentStatus(row: Pick<FleetRow, 'auditEnabled' | 'lastHeartbeatAt' | 'lagSeconds'>, now: Date): AgentStatus {
  if (!row.auditEnabled) return 'disabled';
  if (!row.lastHeartbeatAt) return 'waiting';
  if (now.getTime() - row.lastHeartbeatAt.getTime() > SILENT_AFTER_SECONDS * 1000) return 'silent';
  if ((row.lagSeconds ?? 0) > LAGGING_AFTER_SECONDS) return 'lagging';
  return 'healthy';
}

/** Every cluster with its agent's health and the last day's event count, for the fleet page. */
export async function fleetOverview(pool: Pool, now = new Date()): Promise<FleetRow[]> {
  const { rows } = await pool.query<Omit<FleetRow, 'status'>>(
    `WITH beats AS (
       SELECT DISTINCT ON (cluster_id) cluster_id, received_at, agent_version, kubernetes_version, lag_seconds
         FROM agent_heartbeats ORDER BY cluster_id, received_at DESC
     ), recent AS (
       SELECT cluster_id, count(*) AS n, max(ts) AS last_ts
         FROM audit_events WHERE ts >= $1::timestamptz - interval '24 hours' AND ts < $1::timestamptz + interval '1 hour'
        GROUP BY cluster_id
     )
     SELECT c.id AS "clusterId", c.name AS "clusterName", p.name AS "projectName", c.type::text AS type,
            c.audit_enabled AS "auditEnabled", c.retention_days AS "retentionDays",
            COALESCE(r.n, 0) AS "eventsLast24h", r.last_ts AS "lastEventAt",
            b.received_at AS "lastHeartbeatAt", b.agent_version AS "agentVersion",
            b.kubernetes_version AS "kubernetesVersion", b.lag_seconds AS "lagSeconds"
       FROM clusters c
       JOIN projects p ON p.id = c.project_id
       LEFT JOIN beats b ON b.cluster_id = c.id
       LEFT JOIN recent r ON r.cluster_id = c.id
      ORDER BY p.name, c.name`,
    [now],
  );
  return rows.map((r) => ({ ...r, status: agentStatus(r, now) }));
}
