import { EVENT_REL } from '../fields';
import type { Params } from '../params';
import type { QueryScope } from '../query';

const HOUR_MS = 3_600_000;
const DIMENSIONS = 'verb, api_group, resource, subresource, namespace, username, status_code';

/**
 * The scope's events as weighted rows with the event table's column names:
 * whole hours from audit_events_hourly, and the events of the partial hours
 * at either end of the range (put on their hour, as the rollups are) read
 * from audit_events, so any range gives the exact counts.
 */
export function rollupRelation(scope: QueryScope, params: Params): string {
  const from = scope.from.getTime();
  const to = scope.to.getTime();
  const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const lastHour = Math.max(firstHour, Math.floor(to / HOUR_MS) * HOUR_MS);
  const at = (ms: number) => params.add(new Date(ms).toISOString(), 'timestamptz');
  const clusters = params.add(scope.clusterIds, 'text[]');
  const wholeHours =
    `SELECT ${DIMENSIONS}, hour AS ts, events FROM audit_events_hourly ` +
    `WHERE cluster_id = ANY(${clusters}) AND hour >= ${at(firstHour)} AND hour < ${at(lastHour)}`;
  const edges =
    `SELECT ${DIMENSIONS}, date_trunc('hour', ts, 'UTC') AS ts, 1::bigint AS events FROM audit_events ` +
    `WHERE cluster_id = ANY(${clusters}) AND ((ts >= ${at(from)} AND ts < ${at(Math.min(firstHour, to))}) ` +
    `OR (ts >= ${at(lastHour)} AND ts < ${at(to)}))`;
  return `(${wholeHours} UNION ALL ${edges}) AS ${EVENT_REL}`;
}
