import { monthlyBill, scaleUsage } from '@kubetrail/billing';
import { AppError } from '@kubetrail/contracts';
import type { CoreDeps } from '../shared/deps';
import { replayPolicy } from '../policy/replay-policy';
import { billBasis } from './project-bill';

export interface PolicyWhatIfInput {
  projectId: string;
  clusterId: string;
  month: string;
  /** the proposed policy's source */
  source: string;
  /** how many days of stored events to replay */
  sinceDays: number;
  now?: Date;
}

export interface PolicyWhatIf {
  clusterId: string;
  currency: string;
  replayedDays: number;
  /** stored events in the replayed days; with none, the proposal cannot be priced */
  replayedEvents: number;
  eventsPerDay: { current: number; proposed: number };
  gbPerMonth: { current: number; proposed: number };
  /** the cluster's projected month-end cost as it goes, and had the month run under the proposed policy */
  projectedCost: { current: number; proposed: number };
}

/**
 * Prices another audit policy for one cluster: the policy studio's replay
 * tells what share of the stored events and bytes it would keep, and the
 * month's usage is scaled by those shares before the bill is projected.
 */
export async function policyWhatIf(deps: CoreDeps, input: PolicyWhatIfInput): Promise<PolicyWhatIf> {
  const cluster = await deps.db.cluster.findFirst({ where: { id: input.clusterId, projectId: input.projectId }, select: { id: true } });
  if (!cluster) throw new AppError('NOT_FOUND', `no cluster "${input.clusterId}"`);
  const replay = await replayPolicy(deps, {
    cluster: cluster.id,
    source: input.source,
    sinceMs: input.sinceDays * 86_400_000,
    ...(input.now ? { now: input.now } : {}),
  });
  const share = (proposed: number, current: number) => (current > 0 ? proposed / current : 1);
  const basis = await billBasis(deps, input);
  const usage = basis.usage.filter((u) => u.clusterId === cluster.id);
  const project = (rows: typeof usage) =>
    monthlyBill({ month: input.month, today: basis.today, prices: basis.prices, usage: rows, retentionDays: basis.retention })
      .projectedTotal;
  const scaled = scaleUsage(usage, cluster.id, {
    events: share(replay.proposed.keptEvents, replay.current.keptEvents),
    bytes: share(replay.proposed.keptBytes, replay.current.keptBytes),
  });
  return {
    clusterId: cluster.id,
    currency: basis.prices.currency,
    replayedDays: input.sinceDays,
    replayedEvents: replay.current.events,
    eventsPerDay: { current: replay.perDay.currentEvents, proposed: replay.perDay.proposedEvents },
    gbPerMonth: { current: replay.gbPerMonth.current, proposed: replay.gbPerMonth.proposed },
    projectedCost: { current: project(usage), proposed: project(scaled) },
  };
}
