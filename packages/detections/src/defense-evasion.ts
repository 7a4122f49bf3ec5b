import type { Detection } from './detection';
import { all, CHANGE_VERBS, FIRST_SEEN, NOT_PLATFORM, REQUESTS, SOURCE_IP, SUCCEEDED } from './query-parts';

const NAME = `coalesce("objectRef.name", json_format("requestObject.metadata.name"))`;

const ADMISSION = `"objectRef.resource" IN ('mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings')`;

// kube-system config maps the control plane's configuration lives in.
const AUDIT_CONFIG = `(("objectRef.resource" = 'configmaps' AND "objectRef.namespace" = 'kube-system' AND regexp_like(lower("objectRef.name"), 'audit|kubeadm-config|kube-apiserver')) OR "objectRef.resource" = 'auditsinks')`;

export const DEFENSE_EVASION_DETECTIONS: Detection[] = [
  {
    id: 'admission-webhook-changed',
    title: 'Admission webhook or policy changed',
    severity: 'high',
    technique: { id: 'T1562.001', name: 'Impair Defenses: Disable or Modify Tools' },
    explanation:
      'A mutating or validating webhook configuration, or an admission policy, was created, changed or deleted. Deleting or ' +
      'loosening one switches off the guard rails it enforces (image policy, Pod Security extensions, Kyverno or Gatekeeper); ' +
      'adding a mutating webhook lets its owner rewrite every pod the cluster creates, a quiet way to inject sidecars or ' +
      'credentials. cert-manager’s CA injector patches webhooks’ caBundle routinely; anything else should match a deployment.',
    query:
      `* | SELECT "user.username" AS user, verb, "objectRef.resource" AS kind, ${NAME} AS name, ${REQUESTS} AS requests, ` +
      `arbitrary(${SOURCE_IP}) AS source_ip FROM log WHERE ${all(ADMISSION, CHANGE_VERBS, SUCCEEDED, NOT_PLATFORM)} GROUP BY user, verb, kind, name`,
    windowMinutes: 5,
    groupBy: ['name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} {{ name }} from {{ source_ip }}',
  },
  {
    id: 'audit-config-changed',
    title: 'Audit or API server configuration changed through the API',
    severity: 'high',
    technique: { id: 'T1562.008', name: 'Impair Defenses: Disable or Modify Cloud Logs' },
    explanation:
      'A kube-system ConfigMap holding control-plane configuration (an audit policy, kubeadm-config, kube-apiserver settings) ' +
      'or an AuditSink was written or deleted. Whoever can change what the API server audits can make their next steps ' +
      'invisible, and kubeadm-config feeds the next upgrade’s apiserver flags. The static pod manifests themselves live on ' +
      'the control-plane nodes and never pass through the API, so watch those files too; this catches the API side.',
    query:
      `* | SELECT "user.username" AS user, verb, "objectRef.resource" AS kind, "objectRef.name" AS name, ${REQUESTS} AS requests, ` +
      `arbitrary(${SOURCE_IP}) AS source_ip FROM log WHERE ${all(AUDIT_CONFIG, CHANGE_VERBS, SUCCEEDED, NOT_PLATFORM)} GROUP BY user, verb, kind, name`,
    windowMinutes: 5,
    groupBy: ['name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} kube-system/{{ name }} from {{ source_ip }}',
  },
  {
    id: 'events-deleted',
    title: 'Kubernetes events deleted',
    severity: 'medium',
    technique: { id: 'T1070', name: 'Indicator Removal' },
    explanation:
      'Someone other than the control plane deleted Event objects. Events expire by themselves after an hour; deleting them ' +
      'early removes the record of pods failing, images pulled and probes killed, which is what an intruder wants gone after ' +
      'a noisy step. Check what happened in that namespace just before. Audit policies that drop events (the ACK preset logs ' +
      'them at level None) hide these deletes too.',
    query:
      `objectRef.resource: events | SELECT "user.username" AS user, "objectRef.namespace" AS namespace, ${REQUESTS} AS requests, ` +
      `arbitrary(${SOURCE_IP}) AS source_ip, ${FIRST_SEEN} AS first_seen FROM log ` +
      `WHERE ${all(`verb IN ('delete', 'deletecollection')`, SUCCEEDED, NOT_PLATFORM)} GROUP BY user, namespace`,
    windowMinutes: 5,
    groupBy: ['user'],
    messageTemplate: '{{ user }} deleted events in {{ namespace }} ({{ requests }} request(s)) from {{ source_ip }}',
  },
];
