import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { AppError } from '@kubetrail/contracts';
import {
  CLUSTER_TYPES,
  createCluster,
  createClusterToken,
  DEFAULT_POLICY_PRESET,
  POLICY_PRESET_CHOICES,
  getClusterPolicy,
  listClusters,
  resolveCluster,
  revokeClusterToken,
  setAuditEnabled,
  setClusterPolicy,
  setClusterPolicyPreset,
  type PolicyPresetChoice,
} from '@kubetrail/core';
import { run } from '../context';
import { registerClusterRetention } from './retention.command';
import { registerClusterMove } from './cluster-move.command';

type Json = { json?: boolean };
const JSON_FLAG = ['--json', 'machine-readable output'] as const;

function readPolicyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('BAD_REQUEST', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function registerCluster(program: Command): void {
  const cluster = program.command('cluster').description('clusters, their agent tokens and audit policies');

  cluster
    .command('create')
    .requiredOption('--project <project>', 'project id or name')
    .requiredOption('--name <name>', 'cluster name, unique in the project')
    .addOption(new Option('--type <type>', 'cluster type (sets the default retention)').choices(CLUSTER_TYPES).default('managed'))
    .addOption(
      new Option('--policy-preset <preset>', 'audit policy to start with (none keeps every event)')
        .choices(POLICY_PRESET_CHOICES)
        .default(DEFAULT_POLICY_PRESET),
    )
    .option(...JSON_FLAG)
    .action((opts: Json & { project: string; name: string; type: (typeof CLUSTER_TYPES)[number]; policyPreset: PolicyPresetChoice }) =>
      run(opts, async (deps, _url, audit) => {
        const c = await createCluster(deps, { project: opts.project, name: opts.name, type: opts.type, policyPreset: opts.policyPreset });
        const { token: _secret, ...recorded } = c;
        await audit({
          projectId: c.projectId,
          action: 'cluster.create',
          target: { type: 'cluster', id: c.id, name: c.name },
          after: recorded,
        });
        return { id: c.id, name: c.name, type: c.type, retentionDays: c.retentionDays, auditEnabled: c.auditEnabled, token: c.token };
      }),
    );

  cluster
    .command('list')
    .requiredOption('--project <project>', 'project id or name')
    .option(...JSON_FLAG)
    .action((opts: Json & { project: string }) => run(opts, (deps) => listClusters(deps, opts.project)));

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const)
    cluster
      .command(name)
      .description(enabled ? "accept the cluster's audit events again" : "stop accepting the cluster's events (stored data stays)")
      .requiredOption('--cluster <cluster>', 'cluster id or name')
      .option(...JSON_FLAG)
      .action((opts: Json & { cluster: string }) =>
        run(opts, async (deps, _url, audit) => {
          const before = await resolveCluster(deps, opts.cluster);
          const after = await setAuditEnabled(deps, before.id, enabled);
          await audit({
            projectId: after.projectId,
            action: enabled ? 'cluster.enable-audit' : 'cluster.disable-audit',
            target: { type: 'cluster', id: after.id, name: after.name },
            before: { auditEnabled: before.auditEnabled },
            after: { auditEnabled: after.auditEnabled },
          });
          return after;
        }),
      );

  const token = cluster.command('token').description('agent tokens (several may be live at once, for rotation)');
  token
    .command('create')
    .requiredOption('--cluster <cluster>', 'cluster id or name')
    .option(...JSON_FLAG)
    .action((opts: Json & { cluster: string }) =>
      run(opts, async (deps, _url, audit) => {
        const c = await resolveCluster(deps, opts.cluster);
        const issued = await createClusterToken(deps, c.id);
        await audit({
          projectId: c.projectId,
          action: 'token.issue',
          target: { type: 'cluster', id: c.id, name: c.name },
          after: { tokenId: issued.tokenId },
        });
        return issued;
      }),
    );
  token
    .command('revoke')
    .requiredOption('--cluster <cluster>', 'cluster id or name')
    .requiredOption('--token-id <id>', "the token's id (as printed by token create)")
    .option(...JSON_FLAG)
    .action((opts: Json & { cluster: string; tokenId: string }) =>
      run(opts, async (deps, _url, audit) => {
        const c = await resolveCluster(deps, opts.cluster);
        const revoked = await revokeClusterToken(deps, c.id, opts.tokenId);
        await audit({
          projectId: c.projectId,
          action: 'token.revoke',
          target: { type: 'cluster', id: c.id, name: c.name },
          before: { tokenId: opts.tokenId },
          after: revoked,
        });
        return revoked;
      }),
    );

  const policy = cluster.command('policy').description('the audit policy agents apply before sending');
  policy
    .command('set')
    .requiredOption('--cluster <cluster>', 'cluster id or name')
    .option('--file <path>', 'policy YAML or JSON (audit.k8s.io/v1 or v1beta1)')
    .option('--preset <preset>', 'a preset instead of a file: ack or tke')
    .option(...JSON_FLAG)
    .action((opts: Json & { cluster: string; file?: string; preset?: string }) =>
      run(opts, async (deps, _url, audit) => {
        if ((opts.file === undefined) === (opts.preset === undefined))
          throw new AppError('BAD_REQUEST', 'give exactly one of --file or --preset');
        const c = await resolveCluster(deps, opts.cluster);
        const before = await getClusterPolicy(deps, c.id);
        const after =
          opts.preset !== undefined
            ? await setClusterPolicyPreset(deps, c.id, opts.preset)
            : await setClusterPolicy(deps, c.id, readPolicyFile(opts.file!));
        await audit({
          projectId: c.projectId,
          action: 'cluster.set-policy',
          target: { type: 'cluster', id: c.id, name: c.name },
          before: before && { version: before.version, source: before.source },
          after: { version: after.version, source: after.source },
        });
        return after;
      }),
    );
  policy
    .command('get')
    .requiredOption('--cluster <cluster>', 'cluster id or name')
    .option(...JSON_FLAG)
    .action((opts: Json & { cluster: string }) =>
      run(opts, async (deps) => {
        const p = await getClusterPolicy(deps, opts.cluster);
        if (!p) throw new AppError('NOT_FOUND', `cluster ${opts.cluster} has no audit policy: its agents send every event`);
        if (opts.json) return p;
        process.stdout.write(p.source.endsWith('\n') ? p.source : `${p.source}\n`);
        return undefined;
      }),
    );
  registerClusterRetention(cluster);
  registerClusterMove(cluster);
}
