import type { AuditEvent, AuditLevel, AuditStage } from '@kubetrail/contracts';
import { streamReplayRows } from '@kubetrail/db';
import { attributesFromEvent, parsePolicy, PolicyTally, type TallyResult } from '@kubetrail/policy';
import { resolveCluster } from '../clusters/clusters';
import type { CoreDeps } from '../shared/deps';

export interface ReplayPolicyInput {
  cluster: string;
  /** the proposed policy's source */
  source: string;
  sinceMs: number;
  now?: Date;
}

export interface ReplayReport {
  clusterId: string;
  from: string;
  to: string;
  days: number;
  currentPolicyVersion: number | null;
  proposed: TallyResult;
  current: TallyResult;
  perDay: { proposedEvents: number; currentEvents: number; differenceEvents: number };
  gbPerMonth: { proposed: number; current: number; difference: number };
}

const DAYS_PER_MONTH = 30;
const GB = 1e9;

/**
 * Replays a cluster's stored events through a proposed policy and through its
 * current one, in one pass. Only what is stored can be replayed: events the
 * current policy dropped at the source are not there to be counted.
 */
export async function replayPolicy(deps: CoreDeps, input: ReplayPolicyInput): Promise<ReplayReport> {
  const proposedPolicy = parsePolicy(input.source);
  const cluster = await resolveCluster(deps, input.cluster);
  const stored = await deps.db.clusterPolicy.findUnique({ where: { clusterId: cluster.id } });
  const proposed = new PolicyTally(proposedPolicy);
  const current = new PolicyTally(stored ? parsePolicy(stored.source) : null);
  const to = input.now ?? new Date();
  const from = new Date(to.getTime() - input.sinceMs);
  for await (const [
    username,
    groups,
    verb,
    namespace,
    resource,
    subresource,
    apiGroup,
    name,
    requestUri,
    stage,
    level,
    bytes,
    requestBytes,
    responseBytes,
  ] of streamReplayRows(deps.pool, {
    clusterId: cluster.id,
    from,
    to,
  })) {
    // The same derivation of request attributes as for a live event.
    const attrs = attributesFromEvent({
      user: { username: username ?? undefined, groups: groups ?? undefined },
      verb,
      requestURI: requestUri,
      objectRef: resource
        ? {
            resource,
            namespace: namespace ?? undefined,
            subresource: subresource ?? undefined,
            apiGroup: apiGroup ?? undefined,
            name: name ?? undefined,
          }
        : undefined,
    } as AuditEvent);
    const record = { attrs, stage: stage as AuditStage, level: level as AuditLevel, bytes, requestBytes, responseBytes };
    proposed.add(record);
    current.add(record);
  }
  const days = input.sinceMs / 86_400_000;
  const p = proposed.result();
  const c = current.result();
  const perDay = (n: number) => Math.round(n / days);
  const gbMonth = (b: number) => ((b / days) * DAYS_PER_MONTH) / GB;
  return {
    clusterId: cluster.id,
    from: from.toISOString(),
    to: to.toISOString(),
    days,
    currentPolicyVersion: stored?.version ?? null,
    proposed: p,
    current: c,
    perDay: {
      proposedEvents: perDay(p.keptEvents),
      currentEvents: perDay(c.keptEvents),
      differenceEvents: perDay(p.keptEvents - c.keptEvents),
    },
    gbPerMonth: { proposed: gbMonth(p.keptBytes), current: gbMonth(c.keptBytes), difference: gbMonth(p.keptBytes - c.keptBytes) },
  };
}
