import { templateFields } from '@kubetrail/alerts';
import { parseQuery, QueryError, resultColumns as columnsOf } from '@kubetrail/query';
import { DETECTION_SEVERITIES, type Detection } from './detection';

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

/** What an alert rule made from a detection holds (packages/contracts' AlertRuleSpecSchema). */
const RULE_LIMITS = { title: 100, explanation: 2_000, query: 20_000, messageTemplate: 4_000, groupBy: 10 } as const;

/**
 * The columns a query's SQL part returns, by name, when they are known
 * without running it (every item aliased or a bare field); null otherwise.
 */
export const resultColumns = (query: string): string[] | null => columnsOf(parseQuery(query));

/** What is wrong with one detection, as sentences; empty when nothing is. */
export function checkDetection(d: Detection): string[] {
  const problems: string[] = [];
  if (!KEBAB_CASE.test(d.id)) problems.push(`id "${d.id}" is not kebab-case`);
  if (!d.title.trim()) problems.push('the title is empty');
  if (!d.explanation.trim()) problems.push('the explanation is empty');
  for (const field of ['title', 'explanation', 'query', 'messageTemplate'] as const)
    if (d[field].length > RULE_LIMITS[field]) problems.push(`the ${field} is longer than an alert rule allows (${RULE_LIMITS[field]})`);
  if ((d.groupBy?.length ?? 0) > RULE_LIMITS.groupBy) problems.push(`more than ${RULE_LIMITS.groupBy} groupBy columns`);
  if (!DETECTION_SEVERITIES.includes(d.severity))
    problems.push(`severity "${d.severity}" is not one of ${DETECTION_SEVERITIES.join(', ')}`);
  if (!TECHNIQUE_ID.test(d.technique.id)) problems.push(`technique id "${d.technique.id}" is not like T1234 or T1234.001`);
  if (!d.technique.name.trim()) problems.push('the technique has no name');
  if (!Number.isInteger(d.windowMinutes) || d.windowMinutes < 1 || d.windowMinutes > 1440)
    problems.push(`windowMinutes ${d.windowMinutes} is not a whole number of minutes from 1 to 1440`);
  let columns: string[] | null;
  try {
    columns = resultColumns(d.query);
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    return [...problems, `the query does not parse: ${error.message}`];
  }
  if (columns) {
    const unknown = (names: readonly string[]) => names.filter((n) => !columns!.includes(n));
    const fromTemplate = unknown(templateFields(d.messageTemplate));
    if (fromTemplate.length) problems.push(`the message template names ${fromTemplate.join(', ')}, which the query does not return`);
    const fromGroups = unknown(d.groupBy ?? []);
    if (fromGroups.length) problems.push(`groupBy names ${fromGroups.join(', ')}, which the query does not return`);
  }
  return problems;
}

/** Every detection's problems, prefixed with its id, and ids used twice. */
export function checkDetections(detections: readonly Detection[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const d of detections) {
    if (seen.has(d.id)) problems.push(`${d.id}: the id is used twice`);
    seen.add(d.id);
    problems.push(...checkDetection(d).map((p) => `${d.id}: ${p}`));
  }
  return problems;
}
