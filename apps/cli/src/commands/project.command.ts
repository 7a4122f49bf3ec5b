import type { Command } from 'commander';
import { createProject, listProjects } from '@kubetrail/core';
import { run } from '../context';

const view = (p: { id: string; name: string }) => ({ id: p.id, name: p.name });

export function registerProject(program: Command): void {
  const project = program.command('project').description('projects: the tenant boundary clusters and members belong to');
  project
    .command('create <name>')
    .option('--json', 'machine-readable output')
    .action((name: string, opts: { json?: boolean }) =>
      run(opts, async (deps, _url, audit) => {
        const p = view(await createProject(deps, name));
        await audit({ projectId: p.id, action: 'project.create', target: { type: 'project', id: p.id, name: p.name }, after: p });
        return p;
      }),
    );
  project
    .command('list')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => run(opts, async (deps) => (await listProjects(deps)).map(view)));
}
