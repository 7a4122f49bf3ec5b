import { Option, type Command } from 'commander';
import { AppError } from '@kubetrail/contracts';
import { ROLES, createUser, resolveProject } from '@kubetrail/core';
import { readStdin, run } from '../context';

interface Opts {
  email: string;
  passwordStdin?: boolean;
  project?: string;
  role?: (typeof ROLES)[number];
  json?: boolean;
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('console users');
  user
    .command('create')
    .requiredOption('--email <email>', 'sign-in email')
    .option('--password-stdin', 'read the password from standard input (never from a flag, which would land in shell history)')
    .option('--project <project>', 'make the user a member of this project (id or name)')
    .addOption(new Option('--role <role>', 'role in --project').choices(ROLES))
    .option('--json', 'machine-readable output')
    .action((opts: Opts) =>
      run(opts, async (deps, _url, audit) => {
        if (!opts.passwordStdin) throw new AppError('BAD_REQUEST', 'pass the password on standard input with --password-stdin');
        const password = (await readStdin()).replace(/\r?\n$/, '');
        const user = await createUser(deps, { email: opts.email, password, project: opts.project, role: opts.role });
        if (opts.project) {
          const { id } = await resolveProject(deps, opts.project);
          await audit({
            projectId: id,
            action: 'member.add',
            target: { type: 'member', id: user.id, name: user.email },
            after: { email: user.email, role: opts.role ?? 'viewer' },
          });
        }
        return user;
      }),
    );
}
