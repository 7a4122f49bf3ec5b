/** One firing or recovery of an alert rule, as every channel receives it. */
export interface Notification {
  id: string;
  rule: string;
  severity: string;
  status: 'firing' | 'resolved';
  text: string;
  window: { from: string; to: string };
  group: Record<string, unknown>;
  rows: Record<string, unknown>[];
  firedAt: string;
}

/** `[HIGH] rule firing`: a subject or title line; control characters become spaces so it cannot span lines. */
export function headline(n: Notification): string {
  return `[${n.severity.toUpperCase()}] ${n.rule} ${n.status}`.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ');
}
