import type { AlertRuleSpecInput, AlertSeverity } from '@kubetrail/contracts';

/** The rule form's state: numbers as NumberInput holds them, lists as the user types them. */
export interface RuleDraft {
  name: string;
  description: string;
  query: string;
  clusters: string[];
  everyMinutes: number | string;
  /** empty: the same as everyMinutes */
  windowMinutes: number | string;
  condition: string;
  severity: AlertSeverity;
  /** comma-separated column names */
  groupBy: string;
  throttleMinutes: number | string;
  template: string;
  notifyRecovery: boolean;
  channels: string[];
  // Not in the form, but part of a saved rule: saving it again must not reset them.
  labels: Record<string, string>;
  enabled: boolean;
  detection?: string;
}

const DEFAULT_CONDITION = 'Event =~ ".*"';

export function emptyDraft(query = ''): RuleDraft {
  return draftFromSpec({ name: '', query });
}

/** A draft from a template's rule or a saved rule: the spec's own defaults fill what it leaves out. */
export function draftFromSpec(spec: AlertRuleSpecInput): RuleDraft {
  const every = spec.everyMinutes ?? 5;
  return {
    name: spec.name,
    description: spec.description ?? '',
    query: spec.query,
    clusters: [...(spec.clusters ?? [])],
    everyMinutes: every,
    windowMinutes: spec.windowMinutes === undefined || spec.windowMinutes === every ? '' : spec.windowMinutes,
    condition: spec.condition ?? DEFAULT_CONDITION,
    severity: spec.severity ?? 'medium',
    groupBy: (spec.groupBy ?? []).join(', '),
    throttleMinutes: spec.throttleMinutes ?? 0,
    template: spec.template ?? '',
    notifyRecovery: spec.notifyRecovery ?? false,
    channels: [...(spec.channels ?? [])],
    labels: { ...spec.labels },
    enabled: spec.enabled ?? true,
    ...(spec.detection ? { detection: spec.detection } : {}),
  };
}

export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The spec the server checks; it, not the form, says what is out of range. */
export function specOfDraft(draft: RuleDraft): AlertRuleSpecInput {
  return {
    name: draft.name,
    description: draft.description,
    query: draft.query,
    clusters: draft.clusters,
    everyMinutes: Number(draft.everyMinutes),
    ...(draft.windowMinutes === '' ? {} : { windowMinutes: Number(draft.windowMinutes) }),
    condition: draft.condition,
    severity: draft.severity,
    labels: draft.labels,
    groupBy: splitList(draft.groupBy),
    throttleMinutes: Number(draft.throttleMinutes),
    template: draft.template,
    notifyRecovery: draft.notifyRecovery,
    enabled: draft.enabled,
    channels: draft.channels,
    ...(draft.detection ? { detection: draft.detection } : {}),
  };
}
