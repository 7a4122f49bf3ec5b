import type { Command } from 'commander';
import { moveCluster } from '@kubetrail/core';
import { run } from '../context';

type Json = { json?: boolean };

/** `kubetrail cluster move`: registered under the `cluster` command. */
export function registerClusterMove(cluster: Command): void {
  cluster
    .command('move')
    .description('moves a cluster with its stored events to another project (no event is copied)')
    .requiredOption('--cluster <cluster>', 'cluster id or name')
    .requiredOption('--project <project>', 'target project id or name')
    .option('--json', 'machine-readable output')
    .action((opts: Json & { cluster: string; project: string }) =>
      run(opts, async (deps, _url, audit) => {
        const { before, after } = await moveCluster(deps, opts.cluster, opts.project);
        // Recorded in both projects, so each one's trail shows where the cluster went or came from.
        for (const projectId of [before.projectId, after.projectId])
          await audit({
            projectId,
            action: 'cluster.move',
            target: { type: 'cluster', id: after.id, name: after.name },
            before: { projectId: before.projectId },
            after: { projectId: after.projectId },
          });
        return after;
      }),
    );
}
