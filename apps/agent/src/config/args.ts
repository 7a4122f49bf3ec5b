import { parseArgs as parseNodeArgs } from 'node:util';
import { AppError } from '@kubetrail/contracts/core';
import type { LogLevel } from '../log';
import { ENV_VARS, type AgentEnv } from './env';

export const DEFAULT_AUDIT_LOG = '/var/log/kubernetes/kubernetes.audit';
export const DEFAULT_LISTEN = '127.0.0.1:8090';

export interface CommonOptions {
  server: string;
  token: string;
  stateDir: string;
  kubernetesVersion: string | undefined;
  batchMaxEvents: number;
  batchMaxBytes: number;
  batchMaxWaitMs: number;
  pollIntervalMs: number;
  spoolMaxBytes: number;
  /** how long SIGTERM waits for the spool to drain before exiting anyway (nothing is lost either way) */
  drainTimeoutMs: number;
  logLevel: LogLevel;
}

export type AgentCommand =
  | ({ mode: 'tail'; file: string } & CommonOptions)
  | ({ mode: 'webhook'; listenHost: string; listenPort: number } & CommonOptions)
  | { mode: 'help' }
  | { mode: 'version' };

export const USAGE = `Usage:
  kubetrail-agent tail    --file PATH      --server URL --token T --state-dir DIR [options]
  kubetrail-agent webhook --listen H:PORT  --server URL --token T --state-dir DIR [options]

  --file PATH               audit log to follow (default ${DEFAULT_AUDIT_LOG})
  --listen HOST:PORT        webhook listen address (default ${DEFAULT_LISTEN})
  --server URL              ingest base URL            (env ${ENV_VARS.server})
  --token T                 cluster agent token        (env ${ENV_VARS.token})
  --state-dir DIR           checkpoint, spool, rejected events (env ${ENV_VARS.stateDir})
  --kubernetes-version V    reported in heartbeats     (env ${ENV_VARS.kubernetesVersion})
  --batch-max-events N      default 1000
  --batch-max-bytes N       default 524288
  --batch-max-wait-ms N     default 1000
  --poll-interval-ms N      default 250
  --spool-max-bytes N       stop reading while the spool is this large (default 1073741824)
  --drain-timeout-ms N      on SIGTERM, how long to keep sending (default 3000)
  --log-level L             debug | info | warn | error (env ${ENV_VARS.logLevel}, default info)
`;

const OPTIONS = {
  file: { type: 'string' },
  listen: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
  'state-dir': { type: 'string' },
  'kubernetes-version': { type: 'string' },
  'batch-max-events': { type: 'string' },
  'batch-max-bytes': { type: 'string' },
  'batch-max-wait-ms': { type: 'string' },
  'poll-interval-ms': { type: 'string' },
  'spool-max-bytes': { type: 'string' },
  'drain-timeout-ms': { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Flags win over the environment; a bad value fails at start naming the flag or variable. */
export function parseArgs(argv: string[], env: AgentEnv): AgentCommand {
  let parsed;
  try {
    parsed = parseNodeArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new AppError('BAD_REQUEST', (err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) return { mode: 'version' };
  const command = positionals[0];
  if (values.help || command === undefined || command === 'help') return { mode: 'help' };
  if (command !== 'tail' && command !== 'webhook')
    throw new AppError('BAD_REQUEST', `unknown command "${command}" (expected tail or webhook)`);
  if (positionals.length > 1) throw new AppError('BAD_REQUEST', `unexpected argument "${positionals[1]}"`);

  const required = (flag: 'server' | 'token' | 'state-dir', key: keyof AgentEnv): string => {
    const v = values[flag] ?? env[key];
    if (!v) throw new AppError('BAD_REQUEST', `--${flag} (or ${ENV_VARS[key]}) is required`);
    return v;
  };
  const server = required('server', 'server');
  if (!/^https?:\/\/[^/]/.test(server) || !URL.canParse(server)) {
    throw new AppError('BAD_REQUEST', `--server must be an http(s) URL, got "${server}"`);
  }
  const logLevel = values['log-level'] ?? env.logLevel ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new AppError('BAD_REQUEST', `--log-level must be debug, info, warn or error, got "${logLevel}"`);
  }
  const common: CommonOptions = {
    server,
    token: required('token', 'token'),
    stateDir: required('state-dir', 'stateDir'),
    kubernetesVersion: values['kubernetes-version'] ?? env.kubernetesVersion,
    batchMaxEvents: positiveInt(values, 'batch-max-events', 1000),
    // Small enough that a batch's strings stay out of V8's large-object space for long.
    batchMaxBytes: positiveInt(values, 'batch-max-bytes', 512 * 1024),
    batchMaxWaitMs: positiveInt(values, 'batch-max-wait-ms', 1000),
    pollIntervalMs: positiveInt(values, 'poll-interval-ms', 250),
    spoolMaxBytes: positiveInt(values, 'spool-max-bytes', 1024 * 1024 * 1024),
    drainTimeoutMs: positiveInt(values, 'drain-timeout-ms', 3000),
    logLevel: logLevel as LogLevel,
  };
  if (command === 'tail') {
    if (values.listen !== undefined) throw new AppError('BAD_REQUEST', '--listen only applies to the webhook command');
    return { mode: 'tail', file: values.file ?? DEFAULT_AUDIT_LOG, ...common };
  }
  if (values.file !== undefined) throw new AppError('BAD_REQUEST', '--file only applies to the tail command');
  const { host, port } = parseListen(values.listen ?? DEFAULT_LISTEN);
  return { mode: 'webhook', listenHost: host, listenPort: port, ...common };
}

function positiveInt(values: Record<string, unknown>, flag: string, fallback: number): number {
  const raw = values[flag];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n <= 0) {
    throw new AppError('BAD_REQUEST', `--${flag} must be a positive integer, got "${String(raw)}"`);
  }
  return n;
}

export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new AppError('BAD_REQUEST', `--listen must be HOST:PORT, got "${value}"`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port };
}
