import type { ObjectReference } from '@kubetrail/contracts';

export interface ResourceInfo {
  group: string;
  version: string;
  namespaced: boolean;
  kind: string;
}

const core = (kind: string, namespaced = true): ResourceInfo => ({ group: '', version: 'v1', namespaced, kind });
const grouped = (group: string, version: string, kind: string, namespaced = true): ResourceInfo => ({
  group,
  version,
  namespaced,
  kind,
});

/** The API resources the simulated clusters touch, keyed by plural name. */
export const RESOURCES = {
  pods: core('Pod'),
  configmaps: core('ConfigMap'),
  secrets: core('Secret'),
  services: core('Service'),
  endpoints: core('Endpoints'),
  events: core('Event'),
  persistentvolumeclaims: core('PersistentVolumeClaim'),
  serviceaccounts: core('ServiceAccount'),
  namespaces: core('Namespace', false),
  nodes: core('Node', false),
  persistentvolumes: core('PersistentVolume', false),
  leases: grouped('coordination.k8s.io', 'v1', 'Lease'),
  deployments: grouped('apps', 'v1', 'Deployment'),
  statefulsets: grouped('apps', 'v1', 'StatefulSet'),
  daemonsets: grouped('apps', 'v1', 'DaemonSet'),
  replicasets: grouped('apps', 'v1', 'ReplicaSet'),
  jobs: grouped('batch', 'v1', 'Job'),
  cronjobs: grouped('batch', 'v1', 'CronJob'),
  ingresses: grouped('networking.k8s.io', 'v1', 'Ingress'),
  networkpolicies: grouped('networking.k8s.io', 'v1', 'NetworkPolicy'),
  endpointslices: grouped('discovery.k8s.io', 'v1', 'EndpointSlice'),
  roles: grouped('rbac.authorization.k8s.io', 'v1', 'Role'),
  rolebindings: grouped('rbac.authorization.k8s.io', 'v1', 'RoleBinding'),
  clusterroles: grouped('rbac.authorization.k8s.io', 'v1', 'ClusterRole', false),
  clusterrolebindings: grouped('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', false),
  customresourcedefinitions: grouped('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', false),
  horizontalpodautoscalers: grouped('autoscaling', 'v2', 'HorizontalPodAutoscaler'),
  csinodes: grouped('storage.k8s.io', 'v1', 'CSINode', false),
  storageclasses: grouped('storage.k8s.io', 'v1', 'StorageClass', false),
  tokenreviews: grouped('authentication.k8s.io', 'v1', 'TokenReview', false),
  subjectaccessreviews: grouped('authorization.k8s.io', 'v1', 'SubjectAccessReview', false),
  certificates: grouped('cert-manager.io', 'v1', 'Certificate'),
  certificaterequests: grouped('cert-manager.io', 'v1', 'CertificateRequest'),
  applications: grouped('argoproj.io', 'v1alpha1', 'Application'),
  servicemonitors: grouped('monitoring.coreos.com', 'v1', 'ServiceMonitor'),
  kustomizations: grouped('kustomize.toolkit.fluxcd.io', 'v1', 'Kustomization'),
} satisfies Record<string, ResourceInfo>;

export type ResourceName = keyof typeof RESOURCES;

export interface ResourceTarget {
  resource: ResourceName;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function resourceInfo(resource: ResourceName): ResourceInfo {
  return RESOURCES[resource];
}

/** The path kube-apiserver serves the target on, without a query string. */
export function resourcePath(target: ResourceTarget): string {
  const info = RESOURCES[target.resource];
  const root = info.group === '' ? '/api/v1' : `/apis/${info.group}/${info.version}`;
  const ns = info.namespaced && target.namespace ? `/namespaces/${target.namespace}` : '';
  const name = target.name ? `/${target.name}` : '';
  const sub = target.name && target.subresource ? `/${target.subresource}` : '';
  return `${root}${ns}/${target.resource}${name}${sub}`;
}

/** objectRef as the apiserver fills it: the core group is left out, not written as "". */
export function objectRefFor(target: ResourceTarget): ObjectReference {
  const info = RESOURCES[target.resource];
  const ref: ObjectReference = { resource: target.resource };
  if (info.namespaced && target.namespace) ref.namespace = target.namespace;
  if (target.name) ref.name = target.name;
  if (info.group !== '') ref.apiGroup = info.group;
  ref.apiVersion = info.version;
  if (target.subresource) ref.subresource = target.subresource;
  return ref;
}

/** "deployments.apps" style names used in apiserver error messages. */
export function qualifiedResource(resource: ResourceName, subresource?: string): string {
  const info = RESOURCES[resource];
  const base = info.group === '' ? resource : `${resource}.${info.group}`;
  return subresource ? `${base}/${subresource}` : base;
}
