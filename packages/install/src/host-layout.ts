/** Where the audit files live on a control-plane host and inside the agent container: one definition for every file. */
export const HOST_PATHS = {
  auditPolicy: '/etc/kubernetes/audit-policy.yml',
  webhookKubeconfig: '/etc/kubernetes/kubetrail-webhook.kubeconfig',
  auditLogDir: '/var/log/kubernetes',
  auditLog: '/var/log/kubernetes/kubernetes.audit',
  agentStateRoot: '/var/lib/kubetrail-agent',
} as const;

/** The agent image's state dir (its `KUBETRAIL_STATE_DIR`); a host directory per cluster is mounted there. */
export const AGENT_STATE_DIR = '/var/lib/kubetrail-agent';

/** One state dir per cluster on the host, so two clusters' agents on one machine never share a spool. */
export const hostStateDir = (clusterId: string): string => `${HOST_PATHS.agentStateRoot}/${clusterId}`;
