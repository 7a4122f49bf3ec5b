import { HOST_PATHS } from './host-layout';

/** The agent's environment variables (apps/agent/src/config/env.ts). */
export const AGENT_ENV = {
  server: 'KUBETRAIL_SERVER',
  token: 'KUBETRAIL_TOKEN',
  stateDir: 'KUBETRAIL_STATE_DIR',
} as const;

/** How long the agent keeps sending after SIGTERM; what is left stays spooled for the next start. */
const DRAIN_TIMEOUT_MS = 20_000;

/** Seconds a container gets after SIGTERM: the drain above plus room to spool the open batch and exit. */
export const STOP_GRACE_SECONDS = 30;

/**
 * Arguments to the image's entrypoint (`node /app/kubetrail-agent.mjs`): `kubetrail-agent tail --file PATH`.
 * `--server`, `--token` and `--state-dir` come from `AGENT_ENV`, so the token is never on a command line.
 * The log directory is mounted at its host path, so `--file` is the host path too.
 */
export const agentTailArgs = (): string[] => ['tail', '--file', HOST_PATHS.auditLog, '--drain-timeout-ms', String(DRAIN_TIMEOUT_MS)];
