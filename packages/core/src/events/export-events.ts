import { AppError } from '@kubetrail/contracts';
import { streamEventJson } from '@kubetrail/db';
import type { CoreDeps } from '../shared/deps';
import { resolveCluster } from '../clusters/clusters';

export interface ExportEventsInput {
  cluster: string;
  from?: Date;
  to?: Date;
}

/** A cluster's stored events, oldest first, each as the JSON text that was stored. */
export async function* exportEvents(deps: CoreDeps, input: ExportEventsInput): AsyncGenerator<string> {
  if (input.from && input.to && input.from >= input.to) throw new AppError('BAD_REQUEST', '--from must be before --to');
  const cluster = await resolveCluster(deps, input.cluster);
  yield* streamEventJson(deps.pool, { clusterId: cluster.id, from: input.from, to: input.to });
}
