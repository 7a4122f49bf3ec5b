import type { Command } from 'commander';
import { AppError } from '@kubetrail/contracts';
import {
  QUOTA_FLAGS,
  QUOTA_LABELS,
  QUOTA_NAMES,
  readQuotas,
  setQuotas,
  type QuotaChanges,
  type QuotaName,
  type QuotaReport,
} from '@kubetrail/core';
import { run } from '../context';

type Json = { json?: boolean };
type Target = { project?: string; cluster?: string };
type SetOpts = Json & Target & Partial<Record<QuotaName, string>>;

const SOURCE_WORDS = { default: 'default', project: 'project override', cluster: 'cluster override' } as const;

/** `N`, or `default` to drop an override; the range is checked in core, which names the flag. */
function parseQuota(name: QuotaName, text: string): number | null {
  if (text === 'default') return null;
  if (!/^\d+$/.test(text))
    throw new AppError('BAD_REQUEST', `${QUOTA_FLAGS[name]} must be a whole number, or "default" to drop the override, not "${text}"`);
  return Number(text);
}

/** With --json the report as core gives it; otherwise one line per quota saying where it comes from. */
function view(report: QuotaReport, json: boolean | undefined): unknown {
  if (json) return report;
  return {
    scope: report.scope,
    ...(report.project ? { project: `${report.project.name} (${report.project.id})` } : {}),
    ...(report.cluster ? { cluster: `${report.cluster.name} (${report.cluster.id})` } : {}),
    ...Object.fromEntries(QUOTA_NAMES.map((n) => [n, `${report.quotas[n].limit} (${SOURCE_WORDS[report.quotas[n].source]})`])),
  };
}

const auditTarget = (r: QuotaReport) =>
  r.cluster
    ? { type: 'cluster', id: r.cluster.id, name: r.cluster.name }
    : r.project
      ? { type: 'project', id: r.project.id, name: r.project.name }
      : { type: 'quota-defaults', id: 'defaults' };

/** `kubetrail quota get|set`: the operator's quotas, as defaults or per project or cluster. */
export function registerQuota(program: Command): void {
  const quota = program
    .command('quota')
    .description('quotas: projects per user, clusters and alert rules per project, ingest events/s per cluster');

  quota
    .command('get')
    .description('the effective quotas (of a project or a cluster when named) and whether each is the default or an override')
    .option('--project <project>', 'project id or name')
    .option('--cluster <cluster>', 'cluster id or name (its project is shown too)')
    .option('--json', 'machine-readable output')
    .action((opts: Json & Target) => run(opts, async (deps) => view(await readQuotas(deps, opts), opts.json)));

  const set = quota
    .command('set')
    .description('sets the defaults, or overrides for one project (--project) or cluster (--cluster); "default" drops an override')
    .option('--project <project>', 'override for this project (clusters and alert rules per project)')
    .option('--cluster <cluster>', 'override for this cluster (ingest events per second)');
  for (const name of QUOTA_NAMES)
    set.option(`${QUOTA_FLAGS[name]} <n>`, `${QUOTA_LABELS[name]}: a whole number from 1 (no quota is unlimited)`);
  set.option('--json', 'machine-readable output').action((opts: SetOpts) =>
    run(opts, async (deps, _url, audit) => {
      const changes: QuotaChanges = {};
      for (const name of QUOTA_NAMES) if (opts[name] !== undefined) changes[name] = parseQuota(name, opts[name]);
      const { before, after, changed } = await setQuotas(deps, { project: opts.project, cluster: opts.cluster }, changes);
      const pick = (r: QuotaReport) => Object.fromEntries(changed.map((n) => [n, r.quotas[n]]));
      await audit({
        projectId: after.project?.id ?? null,
        action: 'quota.set',
        target: auditTarget(after),
        before: pick(before),
        after: pick(after),
      });
      return view(after, opts.json);
    }),
  );
}
