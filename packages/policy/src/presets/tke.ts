/**
 * Tencent TKE's default audit policy, built from the behaviour its
 * documentation lists. TKE records the RequestReceived stage too, so no stage
 * is omitted.
 */
export const TKE_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
  # Requests TKE does not audit.
  - level: None
    users: [system:kube-proxy]
    verbs: [watch]
    resources:
      - group: ""
        resources: [endpoints, services, services/status]
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
        resources: [nodes, nodes/status]
  - level: None
    userGroups: [system:nodes]
    verbs: [get]
    resources:
      - group: ""
        resources: [nodes, nodes/status]
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
        resources: [namespaces, namespaces/status, namespaces/finalize]
  - level: None
    nonResourceURLs: [/healthz*, /version, /swagger*]
  # Secrets, config maps and token reviews: metadata only.
  - level: Metadata
    resources:
      - group: ""
        resources: [secrets, configmaps]
      - group: authentication.k8s.io
        resources: [tokenreviews]
  # Reads: the request without the response body.
  - level: Request
    verbs: [get, list, watch]
  # Everything else: request and response bodies.
  - level: RequestResponse
`;
