import type { Command } from 'commander';
import { projectBill, resolveProject } from '@kubetrail/core';
import { run } from '../context';

type BillingOpts = { project: string; month: string; json?: boolean };

/** `kubetrail billing`: a project's bill for a month, per cluster, under its price list. */
export function registerBilling(program: Command): void {
  program
    .command('billing')
    .description("a project's bill for one month: ingest, storage and events per cluster under its price list")
    .requiredOption('--project <project>', 'project id or name')
    .requiredOption('--month <month>', 'the month, YYYY-MM')
    .option('--json', 'machine-readable output')
    .action((opts: BillingOpts) =>
      run(opts, async (deps) => {
        const project = await resolveProject(deps, opts.project);
        return projectBill(deps, { projectId: project.id, month: opts.month });
      }),
    );
}
