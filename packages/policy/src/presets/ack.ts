/** Alibaba Cloud ACK's default audit policy (ACK dedicated clusters). */

const KNOWN_GROUPS = [
  '""',
  'admissionregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'extensions',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'settings.k8s.io',
  'storage.k8s.io',
];

const knownGroups = (indent: string): string => KNOWN_GROUPS.map((g) => `${indent}- group: ${g}`).join('\n');

export const ACK_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
# No events for the RequestReceived stage.
omitStages: [RequestReceived]
rules:
  # Noisy, low-value system traffic: not audited.
  - level: None
    users: [system:kube-proxy]
    verbs: [watch]
    resources:
      - group: ""
        resources: [endpoints, services]
  - level: None
    users: [system:unsecured]
    namespaces: [kube-system]
    verbs: [get]
    resources:
      - group: ""
        resources: [configmaps]
  - level: None
    users: [kubelet]
    verbs: [get]
    resources:
      - group: ""
        resources: [nodes]
  - level: None
    userGroups: [system:nodes]
    verbs: [get]
    resources:
      - group: ""
        resources: [nodes]
  - level: None
    users:
      - system:kube-controller-manager
      - system:kube-scheduler
      - system:serviceaccount:kube-system:endpoint-controller
    verbs: [get, update]
    namespaces: [kube-system]
    resources:
      - group: ""
        resources: [endpoints]
  - level: None
    users: [system:apiserver]
    verbs: [get]
    resources:
      - group: ""
        resources: [namespaces]
  # Health, version and API-doc endpoints.
  - level: None
    nonResourceURLs: [/healthz*, /version, /swagger*]
  # Event objects.
  - level: None
    resources:
      - group: ""
        resources: [events]
  # Secrets, config maps and token reviews: who and what, never the payload.
  - level: Metadata
    resources:
      - group: ""
        resources: [secrets, configmaps]
      - group: authentication.k8s.io
        resources: [tokenreviews]
  # Reads of built-in APIs: the request, not the (possibly large) response.
  - level: Request
    verbs: [get, list, watch]
    resources:
${knownGroups('      ')}
  # Everything else on built-in APIs: request and response bodies.
  - level: RequestResponse
    resources:
${knownGroups('      ')}
  # Any other request (custom resources, non-resource URLs).
  - level: Metadata
`;
