import type { Detection } from './detection';
import { all, FIRST_SEEN, IS_HUMAN, NOT_PLATFORM, REQUESTS, SOURCE_IP, SUCCEEDED } from './query-parts';

const CONTAINER_API = { id: 'T1552.007', name: 'Unsecured Credentials: Container API' };

export const CREDENTIAL_DETECTIONS: Detection[] = [
  {
    id: 'secret-read-by-human',
    title: 'Secret read by a person',
    severity: 'medium',
    technique: CONTAINER_API,
    explanation:
      'A person fetched a Secret (`kubectl get secret … -o yaml`, or a dashboard opening one). Applications read their own ' +
      'secrets through their service accounts; a human reading one has the value on their laptop, in their shell history and ' +
      'possibly in a paste. Check that the person owns the workload, whether the secret should be rotated, and how many they ' +
      'read (several namespaces in a row looks like collection, not debugging).',
    query:
      `objectRef.resource: secrets and verb: get | SELECT "user.username" AS user, "objectRef.namespace" AS namespace, "objectRef.name" AS secret, ` +
      `${REQUESTS} AS reads, arbitrary(${SOURCE_IP}) AS source_ip, ${FIRST_SEEN} AS first_seen FROM log ` +
      `WHERE ${all(IS_HUMAN, SUCCEEDED)} GROUP BY user, namespace, secret`,
    windowMinutes: 5,
    groupBy: ['user'],
    messageTemplate: '{{ user }} read secret {{ namespace }}/{{ secret }} from {{ source_ip }}',
  },
  {
    id: 'secrets-listed-cluster-wide',
    title: 'Secrets of every namespace listed by a person',
    severity: 'high',
    technique: CONTAINER_API,
    explanation:
      'A person listed or watched Secrets across all namespaces (`kubectl get secrets -A`). A list returns every value, so one ' +
      'request copies all the credentials of the cluster. Add-ons such as cert-manager or ingress controllers do this by design ' +
      'through their service accounts and are left out; a person rarely has a reason to. Check who holds that permission and ' +
      'rotate what matters if the request was not expected.',
    query:
      `objectRef.resource: secrets | SELECT "user.username" AS user, verb, ${REQUESTS} AS requests, arbitrary(${SOURCE_IP}) AS source_ip, ` +
      `${FIRST_SEEN} AS first_seen FROM log ` +
      `WHERE ${all(`verb IN ('list', 'watch')`, `"objectRef.namespace" IS NULL`, IS_HUMAN, SUCCEEDED)} GROUP BY user, verb`,
    windowMinutes: 5,
    groupBy: ['user'],
    messageTemplate: '{{ user }} ran {{ requests }} cluster-wide {{ verb }} of secrets from {{ source_ip }}',
  },
  {
    id: 'service-account-token-requested-by-human',
    title: 'Service account token issued to a person',
    severity: 'high',
    technique: { id: 'T1528', name: 'Steal Application Access Token' },
    explanation:
      'A person asked the TokenRequest API for a service account’s token (`kubectl create token …`). Kubelets do this for every ' +
      'pod; a person doing it walks away with a bearer token that acts as the application, can be asked to live for days, and ' +
      'shows up in later audit events as the service account rather than the person. Check which account, its permissions, ' +
      'and the expiry requested.',
    query:
      `objectRef.resource: serviceaccounts and objectRef.subresource: token | SELECT "user.username" AS user, "objectRef.namespace" AS namespace, ` +
      `"objectRef.name" AS service_account, ${REQUESTS} AS tokens, arbitrary(${SOURCE_IP}) AS source_ip FROM log ` +
      `WHERE ${all(`verb = 'create'`, IS_HUMAN, SUCCEEDED)} GROUP BY user, namespace, service_account`,
    windowMinutes: 5,
    groupBy: ['user', 'service_account'],
    messageTemplate: '{{ user }} obtained {{ tokens }} token(s) for service account {{ namespace }}/{{ service_account }}',
  },
  {
    id: 'csr-approved',
    title: 'Certificate signing request approved by hand',
    severity: 'medium',
    technique: { id: 'T1649', name: 'Steal or Forge Authentication Certificates' },
    explanation:
      'A CertificateSigningRequest was approved by someone other than the controllers that approve kubelet certificates. An ' +
      'approved CSR for the kube-apiserver-client signer is a client certificate: a credential that no RBAC change or token ' +
      'revocation cancels until it expires, often for a year. Check the CSR’s requested subject (a system:masters group ' +
      'means full control) and its signer.',
    query:
      `objectRef.resource: certificatesigningrequests and objectRef.subresource: approval | SELECT "user.username" AS user, ` +
      `"objectRef.name" AS csr, ${REQUESTS} AS approvals, arbitrary(${SOURCE_IP}) AS source_ip FROM log ` +
      `WHERE ${all(`verb IN ('update', 'patch')`, NOT_PLATFORM, SUCCEEDED)} GROUP BY user, csr`,
    windowMinutes: 5,
    groupBy: ['csr'],
    messageTemplate: '{{ user }} approved certificate signing request {{ csr }} from {{ source_ip }}',
  },
];
