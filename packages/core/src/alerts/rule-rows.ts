import { AppError } from '@kubetrail/contracts';
import type { AlertRule } from '@kubetrail/db';
import { evaluateTrigger, type Trigger } from '@kubetrail/alerts';
import { parseQuery, type ParsedQuery } from '@kubetrail/query';
import type { CoreDeps } from '../shared/deps';
import { runParsedQuery } from '../query/run-query';

export type ResultRow = Record<string, unknown>;

/** A search rule reads at most this many events of a window; its rows are the newest. */
export const MAX_SEARCH_ROWS = 1_000;

export interface Window {
  from: Date;
  to: Date;
}

/**
 * Reads a rule's result rows window by window, oldest first: its query is
 * parsed and its clusters looked up once for all the windows of a run, and
 * the rows of the window just read serve the next one's `previous.`
 * comparison instead of being read again.
 */
export class RuleRows {
  #last: { window: Window; rows: ResultRow[] } | undefined;

  private constructor(
    private readonly deps: CoreDeps,
    private readonly projectId: string,
    private readonly parsed: ParsedQuery,
    private readonly clusterIds: string[],
  ) {}

  /** Throws an AppError when none of the rule's clusters is in its project any more. */
  static async open(deps: CoreDeps, rule: AlertRule): Promise<RuleRows> {
    return new RuleRows(deps, rule.projectId, parseQuery(rule.query), await watchedClusters(deps, rule));
  }

  /**
   * The rule's query over one window, as rows keyed by column name. An
   * analytics query gives its table; a search gives its events, flattened to
   * dotted field names (`user.username`, `objectRef.resource`) so a
   * condition can name them as a query would.
   */
  async of(window: Window): Promise<ResultRow[]> {
    const rows = await this.#read(window);
    this.#last = { window, rows };
    return rows;
  }

  /** The rows of the span of the same length just before the window. */
  async before(window: Window): Promise<ResultRow[]> {
    const previous = { from: new Date(2 * window.from.getTime() - window.to.getTime()), to: window.from };
    const last = this.#last;
    const same = last && last.window.from.getTime() === previous.from.getTime() && last.window.to.getTime() === previous.to.getTime();
    return same ? last.rows : this.#read(previous);
  }

  async #read(window: Window): Promise<ResultRow[]> {
    const scope = { clusterIds: this.clusterIds, from: window.from, to: window.to };
    const answer = await runParsedQuery(this.deps, this.projectId, scope, this.parsed, { limit: MAX_SEARCH_ROWS });
    if (answer.kind === 'analytics') return answer.rows.map((values) => Object.fromEntries(answer.columns.map((c, i) => [c, values[i]])));
    return answer.events.map((e) => flatten(e));
  }
}

/** The rows meeting the condition, each compared with its group's row of the window before when the condition asks. */
export function matchingRows(condition: Trigger, rows: ResultRow[], groupBy: string[], previous: ResultRow[] | undefined): ResultRow[] {
  return rows.filter((row) => evaluateTrigger(condition, row, previousRowFor(row, groupBy, previous)));
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
function previousRowFor(row: ResultRow, groupBy: string[], previous: ResultRow[] | undefined): ResultRow | undefined {
  if (!previous) return undefined;
  return previous.find((p) => groupBy.every((g) => String(p[g] ?? '') === String(row[g] ?? '')));
}
