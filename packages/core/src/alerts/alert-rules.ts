import { AppError, AlertRuleSpecSchema, type AlertRuleSpec, type AlertRuleSpecInput } from '@kubetrail/contracts';
import type { AlertRule } from '@kubetrail/db';
import { DEFAULT_TEMPLATE } from '@kubetrail/alerts';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { resolveProject } from '../projects/projects';
import { assertAlertRuleQuota, lockQuotaHolder } from '../quotas/enforce-quotas';
import { checkRule } from './rule-checks';

export interface AlertRuleView extends AlertRuleSpec {
  id: string;
  projectId: string;
  windowMinutes: number;
  lastWindowEnd: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SavedRule {
  rule: AlertRuleView;
  created: boolean;
  /** the stored rule differed from the spec (false: nothing was written) */
  changed: boolean;
  warnings: string[];
}

/** Parses a rule as written (console form, YAML file); zod's first problem becomes a BAD_REQUEST naming the field. */
export function parseRuleSpec(input: AlertRuleSpecInput | unknown): AlertRuleSpec {
  const parsed = AlertRuleSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'rule';
  throw new AppError('BAD_REQUEST', `${field}: ${issue.message}`, { field });
}

/**
 * Creates the rule, or updates the project's rule of the same name, so
 * applying the same file twice changes nothing. A new rule counts against
 * the project's alert-rule quota; the count and the insert share a lock.
 */
export async function saveRule(deps: CoreDeps, project: string, input: unknown): Promise<SavedRule> {
  const spec = parseRuleSpec(input);
  const { warnings } = checkRule(spec);
  const { id: projectId } = await resolveProject(deps, project);
  const clusterIds = await clusterIdsOf(deps, projectId, spec.clusters);
  const channelIds = await channelIdsOf(deps, projectId, spec.channels);
  const data = {
    description: spec.description,
    query: spec.query,
    clusterIds,
    everyMinutes: spec.everyMinutes,
    windowMinutes: spec.windowMinutes ?? spec.everyMinutes,
    condition: spec.condition,
    severity: spec.severity,
    labels: spec.labels,
    groupBy: spec.groupBy,
    throttleMinutes: spec.throttleMinutes,
    template: spec.template,
    notifyRecovery: spec.notifyRecovery,
    enabled: spec.enabled,
    detectionId: spec.detection ?? null,
  };
  const saved = await deps.db.$transaction(async (tx) => {
    await lockQuotaHolder(tx, 'alertRulesPerProject', projectId);
    const existing = await tx.alertRule.findUnique({
      where: { projectId_name: { projectId, name: spec.name } },
      include: { channels: true },
    });
    if (!existing) {
      await assertAlertRuleQuota(tx, projectId, await tx.alertRule.count({ where: { projectId } }));
      const rule = await tx.alertRule.create({
        data: {
          id: newId('ar'),
          projectId,
          name: spec.name,
          ...data,
          channels: { create: channelIds.map((channelId) => ({ channelId })) },
        },
      });
      return { rule, created: true, changed: true };
    }
    const sameChannels = sameSet(
      existing.channels.map((c) => c.channelId),
      channelIds,
    );
    if (sameChannels && unchanged(existing, data)) return { rule: existing, created: false, changed: false };
    const rule = await tx.alertRule.update({
      where: { id: existing.id },
      data: {
        ...data,
        ...restartedIf(existing.enabled, data.enabled),
        channels: { deleteMany: {}, create: channelIds.map((channelId) => ({ channelId })) },
      },
    });
    return { rule, created: false, changed: true };
  });
  return { rule: await ruleView(deps, saved.rule), created: saved.created, changed: saved.changed, warnings };
}

export async function listRules(deps: CoreDeps, project: string): Promise<AlertRuleView[]> {
  const { id: projectId } = await resolveProject(deps, project);
  const rules = await deps.db.alertRule.findMany({ where: { projectId }, orderBy: { name: 'asc' } });
  return ruleViews(deps, rules);
}

/** A rule of the project by id or name; another project's rule is NOT_FOUND, like an unknown one. */
export async function resolveRule(deps: Pick<CoreDeps, 'db'>, projectId: string, idOrName: string): Promise<AlertRule> {
  const rule =
    (await deps.db.alertRule.findFirst({ where: { projectId, id: idOrName } })) ??
    (await deps.db.alertRule.findUnique({ where: { projectId_name: { projectId, name: idOrName } } }));
  if (!rule) throw new AppError('NOT_FOUND', `no alert rule "${idOrName}" in this project`);
  return rule;
}

export async function setRuleEnabled(deps: CoreDeps, project: string, rule: string, enabled: boolean): Promise<AlertRuleView> {
  const { id: projectId } = await resolveProject(deps, project);
  const found = await resolveRule(deps, projectId, rule);
  return ruleView(
    deps,
    await deps.db.alertRule.update({ where: { id: found.id }, data: { enabled, ...restartedIf(found.enabled, enabled) } }),
  );
}

/**
 * A rule enabled again starts from the latest window, as a new one does:
 * the time it was off on purpose is not replayed (catch-up is for the
 * platform's downtime, not the rule's).
 */
const restartedIf = (wasEnabled: boolean, enabled: boolean) => (enabled && !wasEnabled ? { lastWindowEnd: null } : {});

export async function deleteRule(deps: CoreDeps, project: string, rule: string): Promise<void> {
  const { id: projectId } = await resolveProject(deps, project);
  const found = await resolveRule(deps, projectId, rule);
  await deps.db.alertRule.delete({ where: { id: found.id } });
}

/** The template a rule renders: its own, or the default one. */
export const templateOf = (rule: Pick<AlertRule, 'template'>) => (rule.template.trim() === '' ? DEFAULT_TEMPLATE : rule.template);

export async function ruleView(deps: Pick<CoreDeps, 'db'>, rule: AlertRule): Promise<AlertRuleView> {
  return (await ruleViews(deps, [rule]))[0]!;
}

/** Rules as shown, with their clusters' and channels' names: two queries for any number of rules. */
async function ruleViews(deps: Pick<CoreDeps, 'db'>, rules: AlertRule[]): Promise<AlertRuleView[]> {
  const [clusters, channels] = await Promise.all([
    deps.db.cluster.findMany({
      where: { id: { in: [...new Set(rules.flatMap((r) => r.clusterIds))] } },
      select: { id: true, name: true, projectId: true },
    }),
    deps.db.alertRuleChannel.findMany({
      where: { ruleId: { in: rules.map((r) => r.id) } },
      include: { channel: { select: { name: true } } },
    }),
  ]);
  return rules.map((rule) => ({
    id: rule.id,
    projectId: rule.projectId,
    name: rule.name,
    description: rule.description,
    query: rule.query,
    // A cluster moved to another project since is no longer the rule's.
    clusters: clusters
      .filter((c) => rule.clusterIds.includes(c.id) && c.projectId === rule.projectId)
      .map((c) => c.name)
      .sort(),
    everyMinutes: rule.everyMinutes,
    windowMinutes: rule.windowMinutes,
    condition: rule.condition,
    severity: rule.severity as AlertRuleSpec['severity'],
    labels: rule.labels as Record<string, string>,
    groupBy: rule.groupBy,
    throttleMinutes: rule.throttleMinutes,
    template: rule.template,
    notifyRecovery: rule.notifyRecovery,
    enabled: rule.enabled,
    channels: channels
      .filter((c) => c.ruleId === rule.id)
      .map((c) => c.channel.name)
      .sort(),
    ...(rule.detectionId ? { detection: rule.detectionId } : {}),
    lastWindowEnd: rule.lastWindowEnd,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
  }));
}

async function clusterIdsOf(deps: CoreDeps, projectId: string, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const found = await deps.db.cluster.findMany({ where: { projectId, OR: [{ name: { in: names } }, { id: { in: names } }] } });
  const missing = names.filter((n) => !found.some((c) => c.name === n || c.id === n));
  if (missing.length > 0)
    throw new AppError('NOT_FOUND', `clusters: no cluster ${missing.map((m) => `"${m}"`).join(', ')} in this project`, {
      field: 'clusters',
    });
  return found.map((c) => c.id).sort();
}

async function channelIdsOf(deps: CoreDeps, projectId: string, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const found = await deps.db.alertChannel.findMany({ where: { projectId, name: { in: names } } });
  const missing = names.filter((n) => !found.some((c) => c.name === n));
  if (missing.length > 0)
    throw new AppError('NOT_FOUND', `channels: no channel ${missing.map((m) => `"${m}"`).join(', ')} in this project`, {
      field: 'channels',
    });
  return found.map((c) => c.id).sort();
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

function unchanged(existing: AlertRule, data: Record<string, unknown>): boolean {
  return Object.entries(data).every(([key, value]) => JSON.stringify(existing[key as keyof AlertRule]) === JSON.stringify(value));
}
