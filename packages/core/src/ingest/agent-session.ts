import { AppError, type AgentConfig, type HeartbeatInput, type IngestLimits } from '@kubetrail/contracts';
import type { Db } from '@kubetrail/db';
import type { CompiledPolicies } from '../policy/compiled-policies';
import type { AgentIdentity } from './agent-auth';

export const HEARTBEAT_INTERVAL_SECONDS = 30;
export const CONFIG_POLL_SECONDS = 10;

/** Keeps the latest heartbeat per agent stream; the console derives health and lag from it. */
export async function recordHeartbeat(db: Db, identity: AgentIdentity, beat: HeartbeatInput, now = new Date()): Promise<void> {
  const data = {
    agentVersion: beat.agentVersion,
    kubernetesVersion: beat.kubernetesVersion ?? null,
    mode: beat.mode,
    lagSeconds: beat.lagSeconds,
    pendingBatches: beat.pendingBatches,
    lastSeq: beat.lastSeq ?? null,
    receivedAt: now,
  };
  await db.agentHeartbeat.upsert({
    where: { clusterId_streamId: { clusterId: identity.clusterId, streamId: beat.streamId } },
    create: { clusterId: identity.clusterId, streamId: beat.streamId, ...data },
    update: data,
  });
  await db.clusterToken.update({ where: { id: identity.tokenId }, data: { lastUsedAt: now } });
}

/** What an agent needs to run: whether to send at all, the policy to apply, and the limits it will be held to. */
export async function agentConfig(db: Db, identity: AgentIdentity, limits: IngestLimits, policies: CompiledPolicies): Promise<AgentConfig> {
  const cluster = await db.cluster.findUnique({ where: { id: identity.clusterId }, include: { policy: true } });
  if (!cluster) throw new AppError('UNAUTHORIZED', 'the cluster of this token no longer exists');
  return {
    clusterId: cluster.id,
    auditEnabled: cluster.auditEnabled,
    policy: cluster.policy && {
      source: cluster.policy.source,
      version: cluster.policy.version,
      compiled: policies.get(cluster.id, cluster.policy),
    },
    limits: {
      maxEventsPerBatch: limits.maxEventsPerBatch,
      maxBodyBytes: limits.maxBodyBytes,
      maxEventBytes: limits.maxEventBytes,
    },
    heartbeatIntervalSeconds: HEARTBEAT_INTERVAL_SECONDS,
    configPollSeconds: CONFIG_POLL_SECONDS,
  };
}
