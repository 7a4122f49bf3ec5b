import { AppError, AlertChannelSpecSchema, type AlertChannelSpec } from '@kubetrail/contracts';
import type { AlertChannel } from '@kubetrail/db';
import {
  ChannelConfigSchema,
  isRedacted,
  openChannelSecrets,
  redactChannel,
  sealChannelSecrets,
  secretFieldsOf,
  type ChannelConfig,
} from '@kubetrail/notify';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { resolveProject } from '../projects/projects';
import { requireSecretsKey, type AlertSettings } from './alert-settings';

export interface AlertChannelView {
  id: string;
  name: string;
  kind: AlertChannelSpec['kind'];
  /** secrets replaced by a marker */
  settings: Record<string, unknown>;
  updatedAt: Date;
}

/**
 * Creates or updates the project's channel of that name. Secrets are sealed
 * with the operator's key before they are stored; a secret left out of an
 * update keeps its stored value, so a form showing redacted settings (or a
 * file that keeps secrets elsewhere) does not wipe it.
 */
export async function saveChannel(
  deps: CoreDeps,
  settings: AlertSettings,
  project: string,
  input: unknown,
): Promise<{ channel: AlertChannelView; created: boolean; changed: boolean }> {
  const spec = parseChannelSpec(input);
  const { id: projectId } = await resolveProject(deps, project);
  const existing = await deps.db.alertChannel.findUnique({ where: { projectId_name: { projectId, name: spec.name } } });
  const kept = existing && existing.kind === spec.kind ? storedSecrets(existing, settings) : {};
  const config = checkConfig({ ...mergeGiven(kept, spec.settings), kind: spec.kind });
  const sealed = secretFieldsOf(config.kind).some((f) => f in config) ? sealChannelSecrets(config, requireSecretsKey(settings)) : config;
  if (existing && existing.kind === spec.kind && sameConfig(existing, config, settings))
    return { channel: channelView(existing), created: false, changed: false };
  const row = existing
    ? await deps.db.alertChannel.update({ where: { id: existing.id }, data: { kind: spec.kind, config: sealed as object } })
    : await deps.db.alertChannel.create({
        data: { id: newId('ch'), projectId, name: spec.name, kind: spec.kind, config: sealed as object },
      });
  return { channel: channelView(row), created: !existing, changed: true };
}

export async function listChannels(deps: CoreDeps, project: string): Promise<AlertChannelView[]> {
  const { id: projectId } = await resolveProject(deps, project);
  const rows = await deps.db.alertChannel.findMany({ where: { projectId }, orderBy: { name: 'asc' } });
  return rows.map(channelView);
}

export async function resolveChannel(deps: Pick<CoreDeps, 'db'>, projectId: string, idOrName: string): Promise<AlertChannel> {
  const channel =
    (await deps.db.alertChannel.findFirst({ where: { projectId, id: idOrName } })) ??
    (await deps.db.alertChannel.findUnique({ where: { projectId_name: { projectId, name: idOrName } } }));
  if (!channel) throw new AppError('NOT_FOUND', `no alert channel "${idOrName}" in this project`);
  return channel;
}

export async function deleteChannel(deps: CoreDeps, project: string, channel: string): Promise<void> {
  const { id: projectId } = await resolveProject(deps, project);
  const found = await resolveChannel(deps, projectId, channel);
  await deps.db.alertChannel.delete({ where: { id: found.id } });
}

/** The channel's settings with its secrets opened, for sending. */
export function openChannel(channel: AlertChannel, settings: AlertSettings): ChannelConfig {
  const config = checkConfig(channel.config);
  return secretFieldsOf(config.kind).some((f) => f in config) ? openChannelSecrets(config, requireSecretsKey(settings)) : config;
}

export function channelView(row: AlertChannel): AlertChannelView {
  const { kind, ...rest } = redactChannel(checkConfig(row.config)) as Record<string, unknown>;
  return { id: row.id, name: row.name, kind: kind as AlertChannelSpec['kind'], settings: rest, updatedAt: row.updatedAt };
}

function parseChannelSpec(input: unknown): AlertChannelSpec {
  const parsed = AlertChannelSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'channel';
  throw new AppError('BAD_REQUEST', `${field}: ${issue.message}`, { field });
}

function checkConfig(value: unknown): ChannelConfig {
  const parsed = ChannelConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = ['settings', ...issue.path.filter((p) => p !== 'kind')].join('.');
  throw new AppError('BAD_REQUEST', `${field}: ${issue.message}`, { field });
}

function storedSecrets(row: AlertChannel, settings: AlertSettings): Record<string, unknown> {
  const opened = openChannel(row, settings) as Record<string, unknown>;
  return Object.fromEntries(
    secretFieldsOf(row.kind as ChannelConfig['kind'])
      .filter((f) => f in opened)
      .map((f) => [f, opened[f]]),
  );
}

/**
 * The settings given over the stored secrets. An empty string or null in a
 * form means "not given", not "clear it"; so does a secret sent back as it
 * was shown, redacted, also as one value of a record (a header).
 */
function mergeGiven(kept: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...kept };
  for (const [key, value] of Object.entries(given)) {
    if (value === '' || value === null || isRedacted(value)) continue;
    const stored = kept[key];
    merged[key] =
      isRecord(value) && isRecord(stored)
        ? Object.fromEntries(
            Object.entries(value)
              .map(([k, v]) => [k, isRedacted(v) ? stored[k] : v])
              .filter(([, v]) => v !== undefined),
          )
        : value;
  }
  return merged;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function sameConfig(row: AlertChannel, config: ChannelConfig, settings: AlertSettings): boolean {
  return JSON.stringify(sortKeys(openChannel(row, settings))) === JSON.stringify(sortKeys(config));
}

const sortKeys = (o: object) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
