import type { AuditEvent } from '@kubetrail/contracts';
import { applyPolicy, type CompiledPolicy } from '@kubetrail/policy';
import type { ValidatedEvents } from './validate-events';

export interface GuardedEvents {
  events: AuditEvent[];
  lines: string[];
  droppedByPolicy: number;
}

/**
 * Applies the cluster's policy to a validated batch again at the platform:
 * agents apply it before sending, but an old agent, one still on a cached
 * policy, or an apiserver posting straight to the webhook would otherwise
 * store what the policy leaves out. An event the policy leaves whole keeps
 * its text as received; a trimmed one is serialized again.
 */
export function guardWithPolicy(policy: CompiledPolicy | null, batch: ValidatedEvents): GuardedEvents {
  if (!policy) return { events: batch.events, lines: batch.lines, droppedByPolicy: 0 };
  const events: AuditEvent[] = [];
  const lines: string[] = [];
  batch.events.forEach((event, i) => {
    const kept = applyPolicy(policy, event);
    if (!kept) return;
    events.push(kept);
    lines.push(kept === event ? batch.lines[i]! : JSON.stringify(kept));
  });
  return { events, lines, droppedByPolicy: batch.events.length - events.length };
}
