import { parseQuery } from '@kubetrail/query';
import type { CoreDeps } from '../shared/deps';
import { resolveQueryScope, runParsedQuery, type QueryAnswer, type RunQueryInput } from '../query/run-query';
import { overviewReport, type ReportFilters, type ReportPanel } from './overview-report';

export interface OverviewReportInput extends Pick<RunQueryInput, 'project' | 'cluster' | 'from' | 'to'> {
  filters: ReportFilters;
}

export type PanelAnswer = Extract<QueryAnswer, { kind: 'analytics' }>;

export interface PanelResult {
  panel: ReportPanel;
  answer: PanelAnswer;
}

// Every panel has an SQL part (the report's tests check it): its answer is a table.
function tableOf(panel: ReportPanel, answer: QueryAnswer): PanelAnswer {
  if (answer.kind !== 'analytics') throw new Error(`report panel ${panel.id} is a search, not an analytics query`);
  return answer;
}

/**
 * Runs every panel of the Overview report as search.run runs a query, so
 * what a panel shows is what its query gives in the search page. The scope
 * is resolved once: all panels read the same project, cluster and range.
 */
export async function runOverviewReport(deps: CoreDeps, input: OverviewReportInput): Promise<PanelResult[]> {
  const panels = overviewReport(input.filters);
  // Parsed before any runs, so a filter the dialect refuses fails the request without querying.
  const parsed = panels.map((panel) => parseQuery(panel.query));
  const { projectId, scope } = await resolveQueryScope(deps, input);
  const answers = await Promise.all(parsed.map((query) => runParsedQuery(deps, projectId, scope, query)));
  return panels.map((panel, i) => ({ panel, answer: tableOf(panel, answers[i]!) }));
}
