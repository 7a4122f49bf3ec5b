import { AppError } from '@kubetrail/contracts';
import { parsePolicy, PolicyError, type CompiledPolicy } from '@kubetrail/policy';

export interface StoredPolicy {
  source: string;
  version: number;
}

/**
 * Compiled audit policies by cluster, reused until the cluster's policy
 * version changes: parsing YAML on every batch or config poll would cost
 * more than applying the policy.
 */
export class CompiledPolicies {
  readonly #byCluster = new Map<string, { version: number; policy: CompiledPolicy }>();

  constructor(private readonly maxEntries = 10_000) {}

  get(clusterId: string, stored: StoredPolicy | null): CompiledPolicy | null {
    if (!stored) return null;
    const hit = this.#byCluster.get(clusterId);
    if (hit?.version === stored.version) return hit.policy;
    const policy = compileStored(clusterId, stored);
    if (this.#byCluster.size >= this.maxEntries) this.#byCluster.clear();
    this.#byCluster.set(clusterId, { version: stored.version, policy });
    return policy;
  }
}

// Stored policies were checked when they were set; one that no longer parses
// is the platform's fault, not the sender's, so it must not read as a 400.
function compileStored(clusterId: string, stored: StoredPolicy): CompiledPolicy {
  try {
    return parsePolicy(stored.source);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    throw new AppError(
      'INTERNAL',
      `the stored audit policy of cluster ${clusterId} (version ${stored.version}) no longer parses: ${error.message}; set it again`,
    );
  }
}
