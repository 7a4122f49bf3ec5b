import { FIRST_SEEN, IS_ANONYMOUS, IS_HUMAN, REQUESTS, SOURCE_IP } from '@kubetrail/detections';

export type ReportPanelKind = 'stat' | 'table' | 'bar' | 'line';

/** One chart or table of a report: its query is all it shows, so the console can offer the query as it ran. */
export interface ReportPanel {
  id: string;
  title: string;
  kind: ReportPanelKind;
  /** a query in the SLS dialect, search part and `| SELECT …` */
  query: string;
}

/** What a reader narrows a report to; every panel gets the same narrowing. */
export interface ReportFilters {
  namespace?: string;
  user?: string;
  /** the response's status code */
  code?: number;
}

// A backslash or quote inside the value is escaped, so it stays one quoted value.
const quoted = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * The filters as the search part every panel's query starts with. Text
 * filters are the dialect's `field: "value"` token match, so a filter
 * matches what the same words typed in the search page match.
 */
export function reportSearch(filters: ReportFilters): string {
  const terms: string[] = [];
  if (filters.namespace) terms.push(`objectRef.namespace: ${quoted(filters.namespace)}`);
  if (filters.user) terms.push(`user.username: ${quoted(filters.user)}`);
  if (filters.code !== undefined) {
    // A number that is not a whole one would be read as search syntax, not a value.
    if (!Number.isInteger(filters.code)) throw new RangeError(`the status code must be a whole number, not ${filters.code}`);
    terms.push(`responseStatus.code = ${filters.code}`);
  }
  return terms.length > 0 ? terms.join(' and ') : '*';
}

const CODE = '"responseStatus.code"';
const USER = '"user.username"';
const NAMESPACE = '"objectRef.namespace"';
const NAME = '"objectRef.name"';
// Long-running requests log a stage when the stream opens and one when it closes: one row per request.
const LATEST = "date_format(max(stageTimestamp), '%Y-%m-%d %T')";
const ROWS = 'LIMIT 50';
// The command= arguments of an exec, still URL-encoded, space-separated as kubectl took them from the command line.
const COMMAND =
  "replace(replace(regexp_replace(regexp_extract(requestURI, '[?&](command=.*)', 1), '&(?!command=)[^&]*', ''), 'command=', ''), '&', ' ')";

type PanelSpec = Omit<ReportPanel, 'query'> & { select: string };

const PANELS: PanelSpec[] = [
  { id: 'events', title: 'Events', kind: 'stat', select: 'SELECT count(1) AS events FROM log' },
  { id: 'people-total', title: 'Operations by people', kind: 'stat', select: `SELECT count(1) AS operations FROM log WHERE ${IS_HUMAN}` },
  {
    id: 'failed',
    title: 'Failed and forbidden',
    kind: 'stat',
    select: `SELECT count_if(${CODE} >= 400) AS failed, count_if(${CODE} = 403) AS forbidden FROM log`,
  },
  { id: 'users', title: 'Distinct users', kind: 'stat', select: `SELECT approx_distinct(${USER}) AS users FROM log` },
  { id: 'source-ips', title: 'Distinct source IPs', kind: 'stat', select: `SELECT approx_distinct(${SOURCE_IP}) AS source_ips FROM log` },
  {
    id: 'events-per-hour',
    title: 'Events per hour',
    kind: 'line',
    select: "SELECT date_trunc('hour', __time__) AS hour, count(1) AS events FROM log GROUP BY hour ORDER BY hour",
  },
  {
    id: 'people-verbs',
    title: 'Operations by people, per verb',
    kind: 'bar',
    select: `SELECT verb, count(1) AS operations FROM log WHERE ${IS_HUMAN} GROUP BY verb ORDER BY operations DESC LIMIT 15`,
  },
  {
    id: 'people-operations',
    title: 'Top people and their verbs',
    kind: 'table',
    select: `SELECT ${USER} AS user, verb, count(1) AS operations FROM log WHERE ${IS_HUMAN} GROUP BY user, verb ORDER BY operations DESC ${ROWS}`,
  },
  {
    id: 'public-access',
    title: 'Access from public IPs',
    kind: 'table',
    select:
      `SELECT ${SOURCE_IP} AS source_ip, ip_to_country(${SOURCE_IP}) AS country, ip_to_city(${SOURCE_IP}) AS city, ` +
      `arbitrary(${USER}) AS user, count(1) AS events, count_if(${CODE} >= 400) AS failed FROM log ` +
      `WHERE ip_to_domain(${SOURCE_IP}) != 'intranet' GROUP BY source_ip, country, city ORDER BY events DESC ${ROWS}`,
  },
  {
    id: 'exec',
    title: 'Commands run in containers',
    kind: 'table',
    select:
      `SELECT ${USER} AS user, ${NAMESPACE} AS namespace, ${NAME} AS pod, "objectRef.subresource" AS via, ` +
      `${COMMAND} AS command, ${LATEST} AS time FROM log ` +
      `WHERE "objectRef.resource" = 'pods' AND "objectRef.subresource" IN ('exec', 'attach') ` +
      `GROUP BY auditID, user, namespace, pod, via, command ORDER BY time DESC ${ROWS}`,
  },
  {
    id: 'deletions',
    title: 'Deletions',
    kind: 'table',
    select:
      `SELECT ${USER} AS user, "objectRef.resource" AS resource, ${NAME} AS name, ${NAMESPACE} AS namespace, ${LATEST} AS time FROM log ` +
      `WHERE verb IN ('delete', 'deletecollection') GROUP BY auditID, user, resource, name, namespace ORDER BY time DESC ${ROWS}`,
  },
  {
    id: 'secret-reads',
    title: 'Secrets read by people',
    kind: 'table',
    select:
      `SELECT ${USER} AS user, verb, ${NAME} AS name, ${NAMESPACE} AS namespace, ${REQUESTS} AS requests, ${FIRST_SEEN} AS first_seen FROM log ` +
      `WHERE "objectRef.resource" = 'secrets' AND verb IN ('get', 'list', 'watch') AND ${IS_HUMAN} ` +
      `GROUP BY user, verb, name, namespace ORDER BY requests DESC ${ROWS}`,
  },
  {
    id: 'anonymous-allowed',
    title: 'Anonymous access allowed',
    kind: 'table',
    select:
      `SELECT ${SOURCE_IP} AS source_ip, requestURI AS request, ${CODE} AS code, ${REQUESTS} AS requests, ${FIRST_SEEN} AS first_seen FROM log ` +
      `WHERE ${IS_ANONYMOUS} AND (${CODE} < 400 OR "annotations.authorization.k8s.io/decision" = 'allow') ` +
      `GROUP BY source_ip, request, code ORDER BY requests DESC ${ROWS}`,
  },
];

/** The Overview report: totals, events over time and the high-priority events, all narrowed by the same filters. */
export function overviewReport(filters: ReportFilters = {}): ReportPanel[] {
  const search = reportSearch(filters);
  return PANELS.map(({ select, ...panel }) => ({ ...panel, query: `${search} | ${select}` }));
}
