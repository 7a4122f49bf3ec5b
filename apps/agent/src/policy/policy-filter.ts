import { applyPolicy, type CompiledPolicy } from '@kubetrail/policy/engine';
import type { EventFilter } from '../batch/batcher';
import type { AgentSettings } from '../transport/responses';

/**
 * The cluster's audit policy as the batcher's filter. It follows the config:
 * a new policy version applies from the next event read, without a restart.
 */
export class PolicyFilter {
  #policy: CompiledPolicy | null = null;

  constructor(config: AgentSettings) {
    this.update(config);
  }

  update(config: AgentSettings): void {
    this.#policy = config.policy?.compiled ?? null;
  }

  readonly apply: EventFilter = (event) => (this.#policy ? applyPolicy(this.#policy, event) : event);
}
