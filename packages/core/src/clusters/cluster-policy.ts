import { AppError } from '@kubetrail/contracts';
import { parsePolicy, PRESETS, type PresetName } from '@kubetrail/policy';
import type { CoreDeps } from '../shared/deps';
import { resolveCluster } from './clusters';

export interface PolicyView {
  clusterId: string;
  source: string;
  version: number;
  updatedAt: Date;
}

/** Stores a cluster's audit policy after checking it; agents pick it up on their next config poll. */
export async function setClusterPolicy(deps: CoreDeps, cluster: string, source: string): Promise<PolicyView> {
  const { id } = await resolveCluster(deps, cluster);
  // Throws a PolicyError (BAD_REQUEST) naming the line and field of each problem.
  parsePolicy(source);
  const row = await deps.db.clusterPolicy.upsert({
    where: { clusterId: id },
    create: { clusterId: id, source },
    update: { source, version: { increment: 1 } },
  });
  return { clusterId: row.clusterId, source: row.source, version: row.version, updatedAt: row.updatedAt };
}

/** Sets a cluster's policy to one of the presets (`ack`, `tke`). */
export async function setClusterPolicyPreset(deps: CoreDeps, cluster: string, preset: string): Promise<PolicyView> {
  if (!Object.hasOwn(PRESETS, preset))
    throw new AppError('BAD_REQUEST', `unknown policy preset "${preset}" (want ${Object.keys(PRESETS).join(' or ')})`);
  return setClusterPolicy(deps, cluster, PRESETS[preset as PresetName]);
}

export async function getClusterPolicy(deps: CoreDeps, cluster: string): Promise<PolicyView | null> {
  const { id } = await resolveCluster(deps, cluster);
  const row = await deps.db.clusterPolicy.findUnique({ where: { clusterId: id } });
  return row && { clusterId: row.clusterId, source: row.source, version: row.version, updatedAt: row.updatedAt };
}
