import { AppError, type AlertRuleSpec } from '@kubetrail/contracts';
import { columnsReferenced, parseTrigger, templateFields, TriggerError } from '@kubetrail/alerts';
import { parseQuery, QueryError, resultColumns } from '@kubetrail/query';

/** What a rule's query and condition say before it is saved: errors stop it, warnings are shown. */
export interface RuleCheck {
  warnings: string[];
}

/**
 * Parses the rule's query, condition and template, so a rule that could
 * never run is refused when it is written, not at its first window.
 * A condition naming a column the query does not return is only a warning:
 * the seeds' own rules do (`Event =~ ".*"`), and there it means "any row".
 */
export function checkRule(spec: Pick<AlertRuleSpec, 'query' | 'condition' | 'template' | 'groupBy'>): RuleCheck {
  let columns: string[] | null;
  try {
    columns = resultColumns(parseQuery(spec.query));
  } catch (error) {
    if (error instanceof QueryError) throw new AppError('BAD_REQUEST', `query: ${error.message}`, { field: 'query' });
    throw error;
  }
  let referenced: string[];
  try {
    referenced = columnsReferenced(parseTrigger(spec.condition));
  } catch (error) {
    if (error instanceof TriggerError) throw new AppError('BAD_REQUEST', `condition: ${error.message}`, { field: 'condition' });
    throw error;
  }
  const warnings: string[] = [];
  if (columns) {
    const known = new Set(columns);
    const note = (what: string, names: string[]) => {
      const missing = names.filter((n) => !known.has(n));
      if (missing.length > 0)
        warnings.push(
          `${what} names ${missing.map((m) => `"${m}"`).join(', ')}, which the query does not return (it returns ${columns!.map((c) => `"${c}"`).join(', ')})`,
        );
    };
    note('the condition', referenced);
    note('grouping', spec.groupBy);
    note(
      'the message template',
      templateFields(spec.template).filter((f) => !TEMPLATE_BUILT_INS.has(f)),
    );
  }
  return { warnings };
}

const TEMPLATE_BUILT_INS = new Set(['rule', 'severity', 'from', 'to', 'count', 'rows', 'status', 'group']);
