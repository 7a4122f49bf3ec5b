import { AppError } from '@kubetrail/contracts';
import { deliver, isRetryable, type DeliveryResult, type Notification } from '@kubetrail/notify';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { resolveProject } from '../projects/projects';
import type { AlertSettings } from './alert-settings';
import { openChannel, resolveChannel } from './alert-channels';

export interface DeliveryOutcome extends DeliveryResult {
  retryable: boolean;
}

/**
 * Sends one firing to one channel and records the attempt, whatever its
 * result, so history shows every try. `attempt` is the queue's count
 * (1 for the first), part of the row's unique key: a redelivered job
 * records its attempt once.
 */
export async function deliverFiring(
  deps: CoreDeps,
  settings: AlertSettings,
  job: { firingId: string; channelId: string },
  attempt: number,
): Promise<DeliveryOutcome | null> {
  const firing = await deps.db.alertFiring.findUnique({ where: { id: job.firingId }, include: { rule: true, evaluation: true } });
  const channel = await deps.db.alertChannel.findUnique({ where: { id: job.channelId } });
  // Deleted since (rule, channel or project): nothing to send to, nothing to record against.
  if (!firing || !channel || channel.projectId !== firing.rule.projectId) return null;
  const notification: Notification = {
    id: firing.id,
    rule: firing.rule.name,
    severity: firing.severity,
    status: firing.status === 'resolved' ? 'resolved' : 'firing',
    text: firing.text,
    window: { from: firing.evaluation.windowFrom.toISOString(), to: firing.evaluation.windowTo.toISOString() },
    group: firing.groupValues as Record<string, unknown>,
    rows: firing.rows as Record<string, unknown>[],
    firedAt: firing.createdAt.toISOString(),
  };
  const result = await sendSafely(channel, settings, notification);
  await deps.db.alertDelivery.upsert({
    where: { firingId_channelId_attempt: { firingId: firing.id, channelId: channel.id, attempt } },
    create: {
      id: newId('d'),
      firingId: firing.id,
      channelId: channel.id,
      attempt,
      ok: result.ok,
      responseCode: result.responseCode ?? null,
      error: result.error ?? null,
      durationMs: Math.round(result.durationMs),
    },
    update: {},
  });
  return { ...result, retryable: !result.ok && isRetryable(result) };
}

/** A test notification to a channel, from the console's "send test" or the CLI; not recorded as a firing. */
export async function sendTestNotification(
  deps: CoreDeps,
  settings: AlertSettings,
  project: string,
  channelRef: string,
): Promise<DeliveryResult> {
  const { id: projectId, name } = await resolveProject(deps, project);
  const channel = await resolveChannel(deps, projectId, channelRef);
  const now = new Date();
  return sendSafely(channel, settings, {
    id: newId('f'),
    rule: 'Kubetrail test notification',
    severity: 'low',
    status: 'firing',
    text: `A test notification from Kubetrail for the channel "${channel.name}" of the project "${name}".`,
    window: { from: new Date(now.getTime() - 300_000).toISOString(), to: now.toISOString() },
    group: {},
    rows: [],
    firedAt: now.toISOString(),
  });
}

// A channel whose secret cannot be opened (key changed or unset) is a failed delivery, recorded like any other.
async function sendSafely(
  channel: Parameters<typeof openChannel>[0],
  settings: AlertSettings,
  notification: Notification,
): Promise<DeliveryResult> {
  let config;
  try {
    config = openChannel(channel, settings);
  } catch (error) {
    if (!(error instanceof AppError) && !(error instanceof Error)) throw error;
    return { ok: false, error: `the channel's settings cannot be used: ${error.message}`, refused: true, durationMs: 0 };
  }
  return deliver(config, notification, { allowList: settings.allowList, timeoutMs: settings.timeoutMs });
}
