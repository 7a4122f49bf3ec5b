import type { ResourceName } from './api-resources';
import { APP_ACCOUNTS } from './app-accounts';

export const PROFILE_NAMES = ['managed', 'dedicated', 'registered'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export type WorkloadKind = 'deployment' | 'statefulset' | 'daemonset' | 'cronjob';
export interface WorkloadDef {
  kind: WorkloadKind;
  name: string;
  replicas?: number;
  /** Has an Ingress, so it is reachable from the internet. */
  exposed?: boolean;
}

export interface NamespaceDef {
  name: string;
  /** The Pod Security level the namespace enforces; privileged pods fail below "privileged". */
  podSecurity: 'privileged' | 'baseline' | 'restricted';
  workloads: WorkloadDef[];
}

/** What a person may do, mapped to how RBAC would explain the decision. */
export type HumanRole = 'masters' | 'admin' | 'sre' | 'developer' | 'viewer';

export interface HumanDef {
  username: string;
  groups: string[];
  role: HumanRole;
  /** Namespaces a developer or viewer is bound in; others get 403. */
  namespaces?: string[];
  /** Address when on the office network or VPN. */
  privateIp: string;
  /** Address when working from the internet directly, and how often. */
  publicIp?: string;
  publicShare?: number;
  userAgent: string;
  weight: number;
}

export interface AppOp {
  verb: string;
  resource: ResourceName;
  /** all: cluster-wide; own: the account's namespace; any: one app namespace with an object name. */
  scope: 'all' | 'own' | 'any';
  weight: number;
  subresource?: string;
}

export interface AppAccountDef {
  namespace: string;
  name: string;
  userAgent: string;
  weight: number;
  ops: AppOp[];
  /** Non-resource URLs the account reads, such as the apiserver's /metrics. */
  paths?: { path: string; weight: number }[];
  /** Public addresses for accounts used from outside the cluster (CI runners); pod IPs otherwise. */
  externalIps?: string[];
}

export interface ClusterProfile {
  name: ProfileName;
  defaultClusterName: string;
  kubernetesVersion: string;
  gitCommit: string;
  workerCount: number;
  workerName(index: number, clusterName: string): string;
  workerIp(index: number): string;
  /** Self-managed control planes run kubelets on their masters too. */
  controlPlaneNodes(clusterName: string): { name: string; ip: string }[];
  /** Where kube-controller-manager and kube-scheduler connect from. */
  controlPlaneIps: string[];
  podCidrPrefix: string;
  anonymousAuth: boolean;
  /** Relative weight of internet scanners hitting the API endpoint. */
  exposure: number;
  namespaces: NamespaceDef[];
  apps: AppAccountDef[];
  humans: HumanDef[];
}

const d = (name: string, replicas: number, exposed = false): WorkloadDef => ({ kind: 'deployment', name, replicas, exposed });
const s = (name: string, replicas: number): WorkloadDef => ({ kind: 'statefulset', name, replicas });
const ds = (name: string): WorkloadDef => ({ kind: 'daemonset', name });
const cron = (name: string): WorkloadDef => ({ kind: 'cronjob', name });

const KUBECTL_LINUX = (v: string, commit: string) => `kubectl/${v} (linux/amd64) kubernetes/${commit.slice(0, 7)}`;
const KUBECTL_MAC = (v: string, commit: string) => `kubectl/${v} (darwin/arm64) kubernetes/${commit.slice(0, 7)}`;
const LENS_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Lens/2024.11.131815-latest Chrome/128.0.6613.186 Electron/32.2.2 Safari/537.36';
const K9S_UA = 'k9s/v0.32.5 (darwin/arm64) kubernetes/$Format';

const managed: ClusterProfile = {
  name: 'managed',
  defaultClusterName: 'prod-eu',
  kubernetesVersion: 'v1.31.1',
  gitCommit: '948afe5ca072329a73c8e79ed5938717a5cb3d21',
  workerCount: 12,
  workerName: (i) => `ip-10-20-${16 + (i % 3) * 16}-${11 + i * 17}.eu-central-1.compute.internal`,
  workerIp: (i) => `10.20.${16 + (i % 3) * 16}.${11 + i * 17}`,
  controlPlaneNodes: () => [],
  controlPlaneIps: ['10.20.255.10', '10.20.255.74', '10.20.255.139'],
  podCidrPrefix: '10.20',
  anonymousAuth: true,
  exposure: 5,
  namespaces: [
    {
      name: 'shop',
      podSecurity: 'baseline',
      workloads: [d('web', 6, true), d('cart', 4), d('checkout', 3), s('redis', 3), cron('nightly-report')],
    },
    { name: 'search', podSecurity: 'baseline', workloads: [d('search-api', 4, true), s('elasticsearch', 3)] },
    {
      name: 'monitoring',
      podSecurity: 'privileged',
      workloads: [s('prometheus-k8s', 2), d('grafana', 1), ds('node-exporter'), d('kube-state-metrics', 1)],
    },
    {
      name: 'argocd',
      podSecurity: 'baseline',
      workloads: [d('argocd-server', 2), s('argocd-application-controller', 1), d('argocd-repo-server', 2)],
    },
    {
      name: 'cert-manager',
      podSecurity: 'restricted',
      workloads: [d('cert-manager', 1), d('cert-manager-webhook', 1), d('cert-manager-cainjector', 1)],
    },
    { name: 'ingress-nginx', podSecurity: 'baseline', workloads: [d('ingress-nginx-controller', 2)] },
    {
      name: 'kube-system',
      podSecurity: 'privileged',
      workloads: [d('coredns', 2), d('metrics-server', 1), ds('kube-proxy'), d('cluster-autoscaler', 1)],
    },
  ],
  apps: [
    APP_ACCOUNTS.prometheus('monitoring', 'prometheus-k8s'),
    APP_ACCOUNTS.kubeStateMetrics('monitoring'),
    APP_ACCOUNTS.argocd('argocd'),
    APP_ACCOUNTS.certManager('cert-manager'),
    APP_ACCOUNTS.ingressNginx('ingress-nginx'),
    APP_ACCOUNTS.coredns(),
    APP_ACCOUNTS.metricsServer(),
    APP_ACCOUNTS.githubDeployer('ci', ['140.82.112.23', '140.82.113.4', '143.55.64.17']),
  ],
  humans: [
    {
      username: 'alice@example.com',
      groups: ['platform-admins', 'system:authenticated'],
      role: 'admin',
      privateIp: '10.8.0.14',
      publicIp: '81.2.69.142',
      publicShare: 0.1,
      userAgent: KUBECTL_MAC('v1.31.1', '948afe5ca072329a73c8e79ed5938717a5cb3d21'),
      weight: 3,
    },
    {
      username: 'bob@example.com',
      groups: ['developers', 'system:authenticated'],
      role: 'developer',
      namespaces: ['shop', 'search'],
      privateIp: '10.8.0.37',
      publicIp: '89.160.20.115',
      publicShare: 0.35,
      userAgent: KUBECTL_LINUX('v1.30.2', '39683505b630ff2121012f3c5b16215a1449d5ed'),
      weight: 4,
    },
    {
      username: 'carol@example.com',
      groups: ['sre', 'system:authenticated'],
      role: 'sre',
      privateIp: '10.8.0.52',
      userAgent: LENS_UA,
      weight: 3,
    },
    {
      username: 'dan@example.com',
      groups: ['developers', 'system:authenticated'],
      role: 'developer',
      namespaces: ['shop'],
      privateIp: '10.8.0.61',
      userAgent: K9S_UA,
      weight: 2,
    },
    {
      username: 'mallory@contractor.example.net',
      groups: ['contractors', 'system:authenticated'],
      role: 'viewer',
      namespaces: ['shop'],
      privateIp: '10.8.3.9',
      publicIp: '175.16.199.23',
      publicShare: 0.9,
      userAgent: KUBECTL_LINUX('v1.29.6', '062798d53d83265b9e05f14d85198f74362adaca'),
      weight: 0.5,
    },
  ],
};

const dedicated: ClusterProfile = {
  name: 'dedicated',
  defaultClusterName: 'payments',
  kubernetesVersion: 'v1.30.2',
  gitCommit: '39683505b630ff2121012f3c5b16215a1449d5ed',
  workerCount: 18,
  workerName: (i, cluster) => `${cluster}-worker-${String(i + 1).padStart(2, '0')}`,
  workerIp: (i) => `172.16.1.${21 + i}`,
  controlPlaneNodes: (cluster) => [
    { name: `${cluster}-master-01`, ip: '172.16.0.11' },
    { name: `${cluster}-master-02`, ip: '172.16.0.12' },
    { name: `${cluster}-master-03`, ip: '172.16.0.13' },
  ],
  controlPlaneIps: ['172.16.0.11', '172.16.0.12', '172.16.0.13'],
  podCidrPrefix: '172.20',
  anonymousAuth: true,
  exposure: 2,
  namespaces: [
    {
      name: 'payments',
      podSecurity: 'restricted',
      workloads: [d('payments-api', 6, true), s('ledger', 3), d('fraud-scorer', 4), d('settlement-worker', 4), cron('settlement')],
    },
    { name: 'external-secrets', podSecurity: 'baseline', workloads: [d('external-secrets', 1)] },
    { name: 'monitoring', podSecurity: 'privileged', workloads: [s('prometheus', 2), s('alertmanager', 2), ds('node-exporter')] },
    { name: 'cert-manager', podSecurity: 'restricted', workloads: [d('cert-manager', 1), d('cert-manager-webhook', 1)] },
    { name: 'ingress-nginx', podSecurity: 'baseline', workloads: [d('ingress-nginx-controller', 3)] },
    {
      name: 'kube-system',
      podSecurity: 'privileged',
      workloads: [d('coredns', 2), ds('kube-proxy'), ds('calico-node'), cron('etcd-backup')],
    },
  ],
  apps: [
    APP_ACCOUNTS.prometheus('monitoring', 'prometheus'),
    APP_ACCOUNTS.certManager('cert-manager'),
    APP_ACCOUNTS.ingressNginx('ingress-nginx'),
    APP_ACCOUNTS.coredns(),
    APP_ACCOUNTS.externalSecrets('external-secrets'),
  ],
  humans: [
    {
      username: 'kubernetes-admin',
      groups: ['system:masters', 'system:authenticated'],
      role: 'masters',
      privateIp: '172.16.0.11',
      publicIp: '203.0.113.45',
      publicShare: 0.08,
      userAgent: KUBECTL_LINUX('v1.30.2', '39683505b630ff2121012f3c5b16215a1449d5ed'),
      weight: 2,
    },
    {
      username: 'alice@example.com',
      groups: ['platform-admins', 'system:authenticated'],
      role: 'admin',
      privateIp: '10.8.0.14',
      publicIp: '81.2.69.142',
      publicShare: 0.1,
      userAgent: KUBECTL_MAC('v1.31.1', '948afe5ca072329a73c8e79ed5938717a5cb3d21'),
      weight: 2,
    },
    {
      username: 'frank@example.com',
      groups: ['payments-oncall', 'system:authenticated'],
      role: 'sre',
      privateIp: '10.8.1.23',
      publicIp: '216.160.83.58',
      publicShare: 0.2,
      userAgent: KUBECTL_LINUX('v1.30.2', '39683505b630ff2121012f3c5b16215a1449d5ed'),
      weight: 3,
    },
    {
      username: 'grace@example.com',
      groups: ['payments-dev', 'system:authenticated'],
      role: 'developer',
      namespaces: ['payments'],
      privateIp: '10.8.1.40',
      userAgent: LENS_UA,
      weight: 3,
    },
    {
      username: 'heidi@example.com',
      groups: ['auditors', 'system:authenticated'],
      role: 'viewer',
      namespaces: ['payments', 'monitoring'],
      privateIp: '10.8.2.5',
      userAgent: KUBECTL_MAC('v1.30.2', '39683505b630ff2121012f3c5b16215a1449d5ed'),
      weight: 1,
    },
  ],
};

const registered: ClusterProfile = {
  name: 'registered',
  defaultClusterName: 'edge-registered',
  kubernetesVersion: 'v1.28.9',
  gitCommit: '587f5fe8a69b0d15b578eaf478f009247d1c5d47',
  workerCount: 4,
  workerName: (i, cluster) => `${cluster.replace(/-registered$/, '')}-node-${i + 1}`,
  workerIp: (i) => `192.168.10.${11 + i}`,
  controlPlaneNodes: (cluster) => [{ name: `${cluster.replace(/-registered$/, '')}-cp-1`, ip: '192.168.10.2' }],
  controlPlaneIps: ['192.168.10.2'],
  podCidrPrefix: '10.42',
  anonymousAuth: false,
  exposure: 8,
  namespaces: [
    {
      name: 'edge',
      podSecurity: 'baseline',
      workloads: [ds('edge-gateway'), d('telemetry-collector', 2), d('camera-ingest', 3), s('mqtt-broker', 1)],
    },
    {
      name: 'flux-system',
      podSecurity: 'restricted',
      workloads: [d('kustomize-controller', 1), d('source-controller', 1), d('helm-controller', 1)],
    },
    { name: 'monitoring', podSecurity: 'privileged', workloads: [d('prometheus-agent', 1), ds('node-exporter')] },
    { name: 'kube-system', podSecurity: 'privileged', workloads: [d('coredns', 1), ds('kube-proxy'), d('local-path-provisioner', 1)] },
  ],
  apps: [APP_ACCOUNTS.prometheus('monitoring', 'prometheus-agent'), APP_ACCOUNTS.flux('flux-system'), APP_ACCOUNTS.coredns()],
  humans: [
    {
      username: 'kubernetes-admin',
      groups: ['system:masters', 'system:authenticated'],
      role: 'masters',
      privateIp: '192.168.10.50',
      publicIp: '216.160.83.61',
      publicShare: 0.6,
      userAgent: KUBECTL_LINUX('v1.28.9', '587f5fe8a69b0d15b578eaf478f009247d1c5d47'),
      weight: 3,
    },
    {
      username: 'ivan@example.com',
      groups: ['edge-ops', 'system:authenticated'],
      role: 'sre',
      privateIp: '192.168.20.7',
      publicIp: '2.125.160.218',
      publicShare: 0.5,
      userAgent: K9S_UA,
      weight: 2,
    },
  ],
};

export const PROFILES: Record<ProfileName, ClusterProfile> = { managed, dedicated, registered };

export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}
