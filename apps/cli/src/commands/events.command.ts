import type { Command } from 'commander';
import { AppError } from '@kubetrail/contracts';
import { exportEvents } from '@kubetrail/core';
import { run } from '../context';

function parseInstant(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new AppError('BAD_REQUEST', `${flag} "${value}" is not an ISO 8601 time`);
  return date;
}

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
