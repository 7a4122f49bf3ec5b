import { stringify } from 'yaml';
import { HOST_PATHS } from './host-layout';
import type { ResolvedTarget } from './resolve-target';
import { oneLine } from './yaml-text';

/** Log file mode: the apiserver writes JSON lines and the agent tails them (rotation numbers as in DESIGN.md). */
export const LOG_FILE_FLAGS = [
  `--audit-policy-file=${HOST_PATHS.auditPolicy}`,
  `--audit-log-path=${HOST_PATHS.auditLog}`,
  '--audit-log-maxage=7',
  '--audit-log-maxbackup=10',
  '--audit-log-maxsize=100',
  '--audit-log-format=json',
] as const;

/** Webhook mode: the apiserver posts batches of events to the ingest itself. */
export const WEBHOOK_FLAGS = [`--audit-webhook-config-file=${HOST_PATHS.webhookKubeconfig}`, '--audit-webhook-mode=batch'] as const;

/** What a static-pod kube-apiserver needs mounted from its host to read the policy and kubeconfig and write the log. */
function staticPodMounts() {
  return {
    spec: {
      containers: [
        {
          name: 'kube-apiserver',
          volumeMounts: [
            { name: 'audit-policy', mountPath: HOST_PATHS.auditPolicy, readOnly: true },
            { name: 'audit-log', mountPath: HOST_PATHS.auditLogDir },
            { name: 'kubetrail-webhook', mountPath: HOST_PATHS.webhookKubeconfig, readOnly: true },
          ],
        },
      ],
      volumes: [
        { name: 'audit-policy', hostPath: { path: HOST_PATHS.auditPolicy, type: 'File' } },
        { name: 'audit-log', hostPath: { path: HOST_PATHS.auditLogDir, type: 'DirectoryOrCreate' } },
        { name: 'kubetrail-webhook', hostPath: { path: HOST_PATHS.webhookKubeconfig, type: 'File' } },
      ],
    },
  };
}

/** `kube-apiserver-flags.txt`: the flags for either mode, one per line, and the static-pod mounts as a commented YAML fragment. */
export function apiserverFlags(target: ResolvedTarget): string {
  const fragment = stringify(staticPodMounts(), { lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((line) => `#   ${line}`);
  return [
    `# kube-apiserver audit flags for cluster "${oneLine(target.clusterName)}" (${target.clusterId}).`,
    '# Add them to the kube-apiserver command on every control-plane node; with kubeadm, as items',
    '# of spec.containers[0].command in /etc/kubernetes/manifests/kube-apiserver.yaml (the kubelet',
    '# restarts the apiserver when the manifest changes).',
    '',
    `# Log file mode: the kubetrail-agent DaemonSet tails ${HOST_PATHS.auditLog}.`,
    `# Needs audit-policy.yml at ${HOST_PATHS.auditPolicy}.`,
    ...LOG_FILE_FLAGS,
    '',
    '# Webhook mode, instead of (or beside) the --audit-log-* flags: the apiserver posts batches to',
    `# Kubetrail itself. Needs --audit-policy-file as above and kubetrail-webhook.kubeconfig at`,
    `# ${HOST_PATHS.webhookKubeconfig}.`,
    ...WEBHOOK_FLAGS,
    '',
    '# A static-pod apiserver sees only what is mounted into its container. Merge these into',
    '# kube-apiserver.yaml (leave out kubetrail-webhook in log file mode, audit-log in webhook mode):',
    ...fragment,
    '',
  ].join('\n');
}
