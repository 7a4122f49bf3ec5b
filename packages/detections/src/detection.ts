export const DETECTION_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type DetectionSeverity = (typeof DETECTION_SEVERITIES)[number];

/** A technique of the MITRE ATT&CK matrix (Containers where one fits). */
export interface AttackTechnique {
  /** `T1609`, or a sub-technique `T1552.007` */
  id: string;
  name: string;
}

/**
 * A built-in detection: a query in the SLS dialect that returns one row per
 * suspicious event or group of events in its window, and nothing otherwise.
 * Thresholds live in the query (`GROUP BY … HAVING count(…) >= N`), so an
 * alert rule made from it fires on any row.
 */
export interface Detection {
  /** kebab-case and stable: alert rules refer to it */
  id: string;
  title: string;
  severity: DetectionSeverity;
  technique: AttackTechnique;
  /** why it matters and what to check when it fires */
  explanation: string;
  query: string;
  /** the window it is evaluated over by default */
  windowMinutes: number;
  /** result columns a firing is grouped by (one notification per value) */
  groupBy?: readonly string[];
  /** the notification text; `{{ column }}` takes a result column's value */
  messageTemplate: string;
}
