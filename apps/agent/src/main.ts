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
  // Signals are handled from the first moment: one that arrives while the
  // agent is still starting stops it as soon as it is up.
  const signals: { received?: NodeJS.Signals; stop?: (signal: NodeJS.Signals) => void } = {};
  const onSignal = (signal: NodeJS.Signals) => {
    if (signals.received) {
      // A second signal means "now": everything is already safe on disk.
      log.warn('second signal; exiting without waiting for the sender', { signal });
      process.exit(0);
    }
    signals.received = signal;
    signals.stop?.(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  // Webhook mode validates EventLists with the contracts' Zod schemas; it is
  // loaded only there, so tail mode runs without Zod in memory.
  const agent =
    command.mode === 'tail'
      ? await TailAgent.start({ ...command, log })
      : await (await import('./webhook/webhook-agent')).WebhookAgent.start({ ...command, log });

  signals.stop = (signal) => {
    log.info('shutting down', { signal });
    agent.stop().then(
      () => process.exit(0),
      (err) => {
        log.error('shutdown failed', { error: err });
        process.exit(1);
      },
    );
  };
  if (signals.received) signals.stop(signals.received);

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
