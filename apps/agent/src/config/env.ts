/** The only place the agent reads its environment; everything else gets values passed in. */
export const ENV_VARS = {
  server: 'KUBETRAIL_SERVER',
  token: 'KUBETRAIL_TOKEN',
  stateDir: 'KUBETRAIL_STATE_DIR',
  kubernetesVersion: 'KUBETRAIL_KUBERNETES_VERSION',
  logLevel: 'KUBETRAIL_LOG_LEVEL',
} as const;

export type AgentEnv = { -readonly [K in keyof typeof ENV_VARS]?: string };

export function readEnv(source: NodeJS.ProcessEnv = process.env): AgentEnv {
  const env: AgentEnv = {};
  for (const [key, name] of Object.entries(ENV_VARS) as Array<[keyof AgentEnv, string]>) {
    const value = source[name];
    if (value !== undefined && value !== '') env[key] = value;
  }
  return env;
}
