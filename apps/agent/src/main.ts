import { isAppError } from '@kubetrail/contracts/core';
import { parseArgs, USAGE, type AgentCommand } from './config/args';
import { readEnv } from './config/env';
import { createLogger } from './log';
import { enableEagerCollection } from './runtime/memory';
import { TailAgent } from './tail/tail-agent';
import { AGENT_VERSION } from './version';

const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<void> {
  let command: AgentCommand;
  try {
    command = parseArgs(argv, readEnv());
  } catch (err) {
    if (!isAppError(err)) throw err;
    process.stderr.write(`${JSON.stringify({ level: 'error', msg: err.message, code: err.code })}\n${USAGE}`);
    process.exit(EXIT_USAGE);
  }
  if (command.mode === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command.mode === 'version') {
    process.stdout.write(`${AGENT_VERSION}\n`);
    return;
  }

  const log = createLogger(command.logLevel);
  enableEagerCollection();
  // Webhook mode validates EventLists with the contracts' Zod schemas; it is
  // loaded only there, so tail mode runs without Zod in memory.
  const agent =
    command.mode === 'tail'
      ? await TailAgent.start({ ...command, log })
      : await (await import('./webhook/webhook-agent')).WebhookAgent.start({ ...command, log });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal means "now": everything is already safe on disk.
      log.warn('second signal; exiting without waiting for the sender', { signal });
      process.exit(0);
    }
    stopping = true;
    log.info('shutting down', { signal });
    agent.stop().then(
      () => process.exit(0),
      (err) => {
        log.error('shutdown failed', { error: err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  if (agent instanceof TailAgent) {
    agent.done.catch((err) => {
      log.error('reading stopped on an error; exiting (state on disk is consistent, a restart resumes)', { error: err });
      process.exit(1);
    });
  }
}

main(process.argv.slice(2)).catch((err) => {
  const code = isAppError(err) ? err.code : undefined;
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: `agent failed to start: ${(err as Error).message}`, code })}\n`);
  process.exit(1);
});
