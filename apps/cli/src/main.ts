import { Command, CommanderError } from 'commander';
import { registerAlert } from './commands/alert.command';
import { registerCluster } from './commands/cluster.command';
import { registerEvents } from './commands/events.command';
import { registerIpdb } from './commands/ipdb.command';
import { registerMigrate } from './commands/migrate.command';
import { registerPolicy } from './commands/policy.command';
import { registerProject } from './commands/project.command';
import { registerQuery } from './commands/query.command';
import { registerQuota } from './commands/quota.command';
import { registerRetention } from './commands/retention.command';
import { registerUsage } from './commands/usage.command';
import { registerBilling } from './commands/billing.command';
import { registerUser } from './commands/user.command';

const program = new Command('kubetrail')
  .description('Kubetrail administration: database, projects, users, clusters, events, queries, audit policies, quotas, alerts')
  .exitOverride()
  .showHelpAfterError();

registerMigrate(program);
registerProject(program);
registerUser(program);
registerCluster(program);
registerEvents(program);
registerPolicy(program);
registerQuery(program);
registerIpdb(program);
registerRetention(program);
registerUsage(program);
registerBilling(program);
registerQuota(program);
registerAlert(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (process.argv.includes('--json') && error.exitCode !== 0)
      process.stderr.write(`${JSON.stringify({ error: { code: 'BAD_REQUEST', message: error.message.replace(/^error: /, '') } })}\n`);
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  throw error;
}
