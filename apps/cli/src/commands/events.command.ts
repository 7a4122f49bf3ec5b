import type { Command } from 'commander';
import { exportEvents } from '@kubetrail/core';
import { run } from '../context';
import { parseInstant } from '../duration';

export function registerEvents(program: Command): void {
  const events = program.command('events').description('stored audit events');
  events
    .command('export')
    .description("print a cluster's stored events, one audit.k8s.io/v1 Event JSON per line, oldest first")
    .requiredOption('--cluster <cluster>', 'cluster id or name')
    .option('--from <iso>', 'first instant included (stageTimestamp)')
    .option('--to <iso>', 'first instant excluded')
    .option('--json', 'accepted for symmetry: the output is always NDJSON')
    .action((opts: { cluster: string; from?: string; to?: string; json?: boolean }) =>
      run(opts, async (deps) => {
        const lines = exportEvents(deps, {
          cluster: opts.cluster,
          from: parseInstant('--from', opts.from),
          to: parseInstant('--to', opts.to),
        });
        for await (const line of lines) {
          if (!process.stdout.write(`${line}\n`)) await new Promise((r) => process.stdout.once('drain', r));
        }
        return undefined;
      }),
    );
}
