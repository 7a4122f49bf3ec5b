import { text, type Row } from './trigger-eval';

export const DEFAULT_TEMPLATE = '[{{ severity }}] {{ rule }}: {{ count }} matching row(s) between {{ from }} and {{ to }}';

const FIELD = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The names a template refers to (`{{ name }}`, spaces and any script allowed). */
export const templateFields = (template: string): string[] => [...new Set([...template.matchAll(FIELD)].map((m) => m[1]!))];

/** Longest text of one field, so a huge value cannot swell every notification. */
const FIELD_MAX = 500;

/**
 * Fills a rule's message with the first row's columns and the rule's own
 * fields (rule, severity, status, from, to, count, group); a column of the
 * result wins over a field of the same name. A name nothing provides
 * renders empty.
 */
export function renderTemplate(
  template: string,
  c: { rule: string; severity: string; status: string; from: Date; to: Date; rows: readonly Row[]; group: Record<string, unknown> },
): string {
  const own: Record<string, unknown> = {
    rule: c.rule,
    severity: c.severity,
    status: c.status,
    from: c.from,
    to: c.to,
    count: c.rows.length,
    group: Object.entries(c.group)
      .map(([k, v]) => `${k}=${text(v)}`)
      .join(', '),
  };
  return template.replace(FIELD, (_, name: string) => {
    const first = c.rows[0];
    const value = first && name in first ? first[name] : name in own ? own[name] : c.group[name];
    const rendered = text(value);
    return rendered.length > FIELD_MAX ? `${rendered.slice(0, FIELD_MAX)}…` : rendered;
  });
}
