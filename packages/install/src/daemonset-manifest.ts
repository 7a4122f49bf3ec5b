import { AGENT_ENV, agentTailArgs, STOP_GRACE_SECONDS } from './agent-command';
import { AGENT_STATE_DIR, HOST_PATHS, hostStateDir } from './host-layout';
import type { ResolvedTarget } from './resolve-target';
import { commentKey, yamlDocument, yamlStream } from './yaml-text';

export const AGENT_NAMESPACE = 'kubetrail';
/** The name of the Secret, ServiceAccount and DaemonSet. */
export const AGENT_NAME = 'kubetrail-agent';

const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';
const MASTER = 'node-role.kubernetes.io/master';
const CONTAINER_PATH = ['spec', 'template', 'spec', 'containers', 0] as const;

/** `kubetrail-agent.yaml`: Namespace, Secret, ServiceAccount and the DaemonSet that tails the audit log on every control-plane node. */
export function daemonSetManifest(target: ResolvedTarget): string {
  const selector = { 'app.kubernetes.io/name': AGENT_NAME, 'kubetrail.io/cluster': target.clusterId };
  const labels = { ...selector, 'app.kubernetes.io/part-of': 'kubetrail' };
  const annotations = { 'kubetrail.io/cluster-name': target.clusterName };
  const metadata = (name: string, namespaced = true) => ({
    name,
    ...(namespaced ? { namespace: AGENT_NAMESPACE } : {}),
    labels,
    annotations,
  });

  const namespace = yamlDocument(
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { ...metadata(AGENT_NAMESPACE, false), labels: { ...labels, 'pod-security.kubernetes.io/enforce': 'privileged' } },
    },
    [
      `Kubetrail agent for cluster "${target.clusterName}" (${target.clusterId}).`,
      'Apply it on the cluster: kubectl apply -f kubetrail-agent.yaml',
      'The agent follows the kube-apiserver audit log on each control-plane node; the apiserver',
      'must write it first (kube-apiserver-flags.txt). It pushes events to the server in the Secret.',
      ...(target.tokenKnown ? [] : ['', `Before applying, replace ${target.token} in the Secret with the cluster's token.`]),
    ],
  );
  commentKey(
    namespace,
    ['metadata', 'labels'],
    ['The agent mounts host paths, which the baseline and restricted Pod Security levels forbid.'],
  );

  const secret = yamlDocument({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: metadata(AGENT_NAME),
    type: 'Opaque',
    stringData: { server: target.serverUrl, token: target.token },
  });

  // The agent never calls the Kubernetes API: no RBAC and no API token in the pod.
  const serviceAccount = yamlDocument({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadata(AGENT_NAME),
    automountServiceAccountToken: false,
  });

  const fromSecret = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: AGENT_NAME, key } } });
  const daemonSet = yamlDocument({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: metadata(AGENT_NAME),
    spec: {
      selector: { matchLabels: selector },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels, annotations },
        spec: {
          serviceAccountName: AGENT_NAME,
          automountServiceAccountToken: false,
          nodeSelector: { [CONTROL_PLANE]: '' },
          tolerations: [
            { key: CONTROL_PLANE, operator: 'Exists', effect: 'NoSchedule' },
            { key: MASTER, operator: 'Exists', effect: 'NoSchedule' },
          ],
          terminationGracePeriodSeconds: STOP_GRACE_SECONDS,
          containers: [
            {
              name: 'agent',
              image: target.agentImage,
              imagePullPolicy: 'IfNotPresent',
              args: agentTailArgs(),
              env: [
                fromSecret(AGENT_ENV.server, 'server'),
                fromSecret(AGENT_ENV.token, 'token'),
                { name: AGENT_ENV.stateDir, value: AGENT_STATE_DIR },
              ],
              resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
              securityContext: {
                runAsUser: 0,
                runAsGroup: 0,
                runAsNonRoot: false,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [
                { name: 'audit-log', mountPath: HOST_PATHS.auditLogDir, readOnly: true },
                { name: 'state', mountPath: AGENT_STATE_DIR },
              ],
            },
          ],
          volumes: [
            { name: 'audit-log', hostPath: { path: HOST_PATHS.auditLogDir, type: 'Directory' } },
            { name: 'state', hostPath: { path: hostStateDir(target.clusterId), type: 'DirectoryOrCreate' } },
          ],
        },
      },
    },
  });
  commentKey(
    daemonSet,
    [...CONTAINER_PATH, 'securityContext'],
    [
      'kube-apiserver writes the audit log as root with mode 0600, and the image runs as uid 10001,',
      'so the agent runs as root to read it. Every capability is dropped: root owns the log and the',
      'state dir, so it needs none to read one and write the other. The log mount is read-only.',
    ],
  );
  commentKey(
    daemonSet,
    ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'],
    ['On SIGTERM the agent spools the open batch and keeps sending for 20 s; what is left is sent after the restart.'],
  );
  commentKey(
    daemonSet,
    ['spec', 'template', 'spec', 'volumes'],
    ['The state dir (checkpoint, spool, stream id) must outlive the pod: a hostPath per cluster.'],
  );
  return yamlStream([namespace, secret, serviceAccount, daemonSet]);
}
