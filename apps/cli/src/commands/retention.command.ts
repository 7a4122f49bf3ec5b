import type { Command } from 'commander';
import { AppError } from '@kubetrail/contracts';
import { runRetention, setRetention } from '@kubetrail/core';
import { run } from '../context';

type Json = { json?: boolean };
const JSON_FLAG = ['--json', 'machine-readable output'] as const;

function parseDays(text: string): number {
  const days = Number(text);
  if (text.trim() === '' || Number.isNaN(days)) throw new AppError('BAD_REQUEST', `--days must be a number of days, not "${text}"`);
  return days;
}

/** `kubetrail cluster retention set`: registered under the `cluster` command. */
export function registerClusterRetention(cluster: Command): void {
  cluster
    .command('retention')
    .description("the cluster's retention")
    .command('set')
    .description('sets how many days of events the cluster keeps; the next retention run drops older days')
    .requiredOption('--cluster <cluster>', 'cluster id or name')
    .requiredOption('--days <days>', 'days to keep (1–3650), besides today')
    .option(...JSON_FLAG)
    .action((opts: Json & { cluster: string; days: string }) =>
      run(opts, async (deps, _url, audit) => {
        const { before, after } = await setRetention(deps, opts.cluster, parseDays(opts.days));
        await audit({
          projectId: after.projectId,
          action: 'cluster.set-retention',
          target: { type: 'cluster', id: after.id, name: after.name },
          before: { retentionDays: before.retentionDays },
          after: { retentionDays: after.retentionDays },
        });
        return after;
      }),
    );
}

/** `kubetrail retention run`. */
export function registerRetention(program: Command): void {
  program
    .command('retention')
    .description('retention of stored events')
    .command('run')
    .description('drops the expired days of every cluster (or one) now; the worker also does it daily')
    .option('--cluster <cluster>', 'only this cluster (id or name)')
    .option(...JSON_FLAG)
    .action((opts: Json & { cluster?: string }) =>
      run(opts, async (deps) => {
        const results = await runRetention(deps, opts.cluster === undefined ? {} : { clusterId: opts.cluster });
        return opts.json ? results : results.map((r) => ({ ...r, droppedDays: r.droppedDays.join(', ') || '(none)' }));
      }),
    );
}
