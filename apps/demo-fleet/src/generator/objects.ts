import type { PodRecord, WorkloadRecord } from './cluster-inventory';

/**
 * Request and response bodies for the writes logged at Request or
 * RequestResponse level. Trimmed to what a reviewer looks at so an event
 * stays around a kilobyte or two.
 */
export function imageFor(namespace: string, name: string, version: string): string {
  return `registry.example.com/${namespace}/${name}:${version}`;
}

export interface PodSpecOptions {
  image: string;
  command?: string[];
  privileged?: boolean;
  hostPath?: string;
  node?: string;
}

export function podObject(namespace: string, name: string, container: string, options: PodSpecOptions, labels: Record<string, string>) {
  const risky = options.privileged || options.hostPath;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace, labels },
    spec: {
      ...(options.node ? { nodeName: options.node } : {}),
      ...(risky ? { hostPID: true, hostNetwork: true } : {}),
      containers: [
        {
          name: container,
          image: options.image,
          ...(options.command ? { command: options.command } : {}),
          resources: risky ? {} : { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
          ...(options.hostPath ? { volumeMounts: [{ name: 'host-root', mountPath: '/host' }] } : {}),
          securityContext: options.privileged ? { privileged: true } : { allowPrivilegeEscalation: false, runAsNonRoot: true },
          stdin: Boolean(risky),
          tty: Boolean(risky),
        },
      ],
      ...(options.hostPath ? { volumes: [{ name: 'host-root', hostPath: { path: options.hostPath, type: '' } }] } : {}),
      restartPolicy: risky ? 'Never' : 'Always',
      ...(risky ? { tolerations: [{ operator: 'Exists' }] } : {}),
    },
    status: {},
  };
}

export function replicaPodObject(pod: PodRecord, version: string) {
  const labels: Record<string, string> = { 'app.kubernetes.io/name': pod.workload.name };
  if (pod.workload.templateHash) labels['pod-template-hash'] = pod.workload.templateHash;
  return podObject(pod.namespace, pod.name, pod.workload.name, { image: imageFor(pod.namespace, pod.workload.name, version) }, labels);
}

export function deploymentObject(workload: WorkloadRecord, image: string, generation: number, resourceVersion: string, uid: string) {
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name: workload.name, namespace: workload.namespace, uid, resourceVersion, generation },
    spec: {
      replicas: workload.replicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': workload.name } },
      template: { spec: { containers: [{ name: workload.name, image }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    },
    status: { observedGeneration: generation - 1, replicas: workload.replicas, readyReplicas: workload.replicas },
  };
}

export function imagePatch(container: string, image: string) {
  return { spec: { template: { spec: { containers: [{ name: container, image }] } } } };
}

export function restartPatch(at: string) {
  return { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } };
}

export function scaleObject(workload: WorkloadRecord, replicas: number, resourceVersion: string, uid: string) {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: workload.name, namespace: workload.namespace, uid, resourceVersion },
    spec: { replicas },
    status: { replicas: workload.replicas, selector: `app.kubernetes.io/name=${workload.name}` },
  };
}

export interface RbacSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
}

export function bindingObject(
  kind: 'ClusterRoleBinding' | 'RoleBinding',
  name: string,
  role: string,
  subjects: RbacSubject[],
  namespace?: string,
) {
  return {
    kind,
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    subjects: subjects.map((s) => (s.kind === 'ServiceAccount' ? s : { apiGroup: 'rbac.authorization.k8s.io', ...s })),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  };
}

export function withServerFields<T extends { metadata: object }>(object: T, uid: string, resourceVersion: string, created: string): T {
  return { ...object, metadata: { ...object.metadata, uid, resourceVersion, creationTimestamp: created } };
}

export function deleteOptions(propagation: 'Background' | 'Foreground' = 'Background') {
  return { kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1', propagationPolicy: propagation };
}

export function deletedStatus(name: string, kind: string, uid: string, group?: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, ...(group ? { group } : {}), kind, uid } };
}

export function cordonPatch(unschedulable: boolean) {
  return { spec: { unschedulable: unschedulable ? true : null } };
}

export function jobObject(namespace: string, name: string, cronJob: string, image: string) {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      name,
      namespace,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob, controller: true, blockOwnerDeletion: true }],
    },
    spec: { backoffLimit: 2, template: { spec: { containers: [{ name: cronJob, image }], restartPolicy: 'OnFailure' } } },
  };
}
