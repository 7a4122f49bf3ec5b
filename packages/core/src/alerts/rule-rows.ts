import { AppError } from '@kubetrail/contracts';
import type { AlertRule } from '@kubetrail/db';
import { parseQuery } from '@kubetrail/query';
import type { CoreDeps } from '../shared/deps';
import { runParsedQuery } from '../query/run-query';

export type ResultRow = Record<string, unknown>;

/** A search rule reads at most this many events of a window; its rows are the newest. */
export const MAX_SEARCH_ROWS = 1_000;

export interface WindowRows {
  rows: ResultRow[];
  /** a search's total matches, which may exceed the rows read */
  total: number;
}

/**
 * The rule's query over one window of the clusters it watches, as rows
 * keyed by column name. An analytics query gives its table; a search gives
 * its events, flattened to dotted field names (`user.username`,
 * `objectRef.resource`) so a condition can name them as a query would.
 */
export async function windowRows(deps: CoreDeps, rule: AlertRule, window: { from: Date; to: Date }): Promise<WindowRows> {
  const clusterIds = await watchedClusters(deps, rule);
  const parsed = parseQuery(rule.query);
  const answer = await runParsedQuery(deps, rule.projectId, { clusterIds, from: window.from, to: window.to }, parsed, {
    limit: MAX_SEARCH_ROWS,
  });
  if (answer.kind === 'analytics') {
    const rows = answer.rows.map((values) => Object.fromEntries(answer.columns.map((c, i) => [c, values[i]])));
    return { rows, total: rows.length };
  }
  return { rows: answer.events.map((e) => flatten(e)), total: answer.total };
}

/** The project's clusters the rule watches now: a cluster moved to another project is no longer watched. */
async function watchedClusters(deps: CoreDeps, rule: AlertRule): Promise<string[]> {
  const where = rule.clusterIds.length > 0 ? { projectId: rule.projectId, id: { in: rule.clusterIds } } : { projectId: rule.projectId };
  const clusters = await deps.db.cluster.findMany({ where, select: { id: true } });
  if (rule.clusterIds.length > 0 && clusters.length === 0)
    throw new AppError('BAD_REQUEST', 'none of the clusters this rule watches is in its project any more');
  return clusters.map((c) => c.id);
}

function flatten(value: unknown, prefix = '', out: ResultRow = {}): ResultRow {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix !== '') out[prefix] = value;
  return out;
}

/** The previous window's row of the same group (its first row when the rule has no grouping). */
export function previousRowFor(row: ResultRow, groupBy: string[], previous: ResultRow[] | undefined): ResultRow | undefined {
  if (!previous) return undefined;
  return previous.find((p) => groupBy.every((g) => String(p[g] ?? '') === String(row[g] ?? '')));
}
