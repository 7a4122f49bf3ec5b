/** What the install files are generated from: one cluster, as the console knows it. */
export interface InstallTarget {
  clusterId: string;
  clusterName: string;
  clusterType: 'managed' | 'dedicated' | 'serverless' | 'registered';
  /** ingest base URL the agent or apiserver reaches, e.g. `http://kubetrail.example:4000` */
  serverUrl: string;
  /** `null` (the token is shown once): the files carry `TOKEN_PLACEHOLDER` instead */
  token: string | null;
  /** e.g. `DEFAULT_AGENT_IMAGE` or `ghcr.io/kubetrail/agent:0.1.0` */
  agentImage: string;
  /** the cluster's audit policy (`audit.k8s.io/v1` Policy YAML) as stored */
  policyYaml: string;
}

export type InstallFileId = 'daemonset' | 'audit-policy' | 'apiserver-flags' | 'webhook-kubeconfig' | 'docker-compose';

export interface InstallFile {
  id: InstallFileId;
  filename: string;
  language: 'yaml' | 'shell';
  title: string;
  purpose: string;
  content: string;
}

/** Stands in for the token when it is not known; the ingest rejects it, so a file still holding it fails loudly. */
export const TOKEN_PLACEHOLDER = '<REPLACE_WITH_CLUSTER_TOKEN>';

export const DEFAULT_AGENT_IMAGE = 'kubetrail/agent:0.1.0';
