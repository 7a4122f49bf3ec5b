import type { Command } from 'commander';
import { clusterUsage, resolveProject } from '@kubetrail/core';
import { run } from '../context';

type UsageOpts = { project: string; cluster?: string; from?: string; to?: string; json?: boolean };

/**
 * `kubetrail usage`: metered usage per cluster per UTC day. With --json each
 * row has exactly the keys of INTERFACES.md; the table also shows the bytes
 * after decompression (ingestedBytesRaw).
 */
export function registerUsage(program: Command): void {
  program
    .command('usage')
    .description('metered usage per cluster and UTC day (events received, stored, dropped by policy; bytes ingested and stored)')
    .requiredOption('--project <project>', 'project id or name')
    .option('--cluster <cluster>', 'cluster id')
    .option('--from <day>', 'first UTC day (YYYY-MM-DD)')
    .option('--to <day>', 'last UTC day (YYYY-MM-DD)')
    .option('--json', 'machine-readable output')
    .action((opts: UsageOpts) =>
      run(opts, async (deps) => {
        const project = await resolveProject(deps, opts.project);
        const rows = await clusterUsage(deps, { projectId: project.id, clusterId: opts.cluster, from: opts.from, to: opts.to });
        return opts.json
          ? rows.map(({ clusterId, day, eventsReceived, eventsStored, droppedByPolicy, ingestedBytes, storedBytes }) => ({
              clusterId,
              day,
              eventsReceived,
              eventsStored,
              droppedByPolicy,
              ingestedBytes,
              storedBytes,
            }))
          : rows;
      }),
    );
}
