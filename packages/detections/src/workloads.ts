import type { Detection } from './detection';
import { all, FIRST_SEEN, IS_HUMAN, NOT_PLATFORM, REQUESTS, SOURCE_IP, SUCCEEDED } from './query-parts';

const NAME = `coalesce("objectRef.name", json_format("requestObject.metadata.name"))`;
const DESTRUCTION = { id: 'T1485', name: 'Data Destruction' };

export const MASS_DELETE_THRESHOLD = 10;

/** Objects of one resource created successfully, by whom and where. */
const created = (resource: string, who: string) =>
  `objectRef.resource: ${resource} and verb: create | SELECT "user.username" AS user, "objectRef.namespace" AS namespace, ${NAME} AS name, ` +
  `${REQUESTS} AS requests, arbitrary(${SOURCE_IP}) AS source_ip, ${FIRST_SEEN} AS first_seen FROM log ` +
  `WHERE ${all(`"objectRef.subresource" IS NULL`, SUCCEEDED, who)} GROUP BY user, namespace, name`;

export const WORKLOAD_DETECTIONS: Detection[] = [
  {
    id: 'daemonset-created',
    title: 'DaemonSet created',
    severity: 'medium',
    technique: { id: 'T1610', name: 'Deploy Container' },
    explanation:
      'A DaemonSet was created. It runs a copy of its pod on every node, including ones added later, which makes it the ' +
      'quickest way to put a miner or a node-level implant everywhere at once, and DaemonSets usually carry host access. New ' +
      'ones are rare outside of installing an add-on; check the image, the namespace and the pod spec’s host settings.',
    query: created('daemonsets', NOT_PLATFORM),
    windowMinutes: 5,
    groupBy: ['name'],
    messageTemplate: '{{ user }} created DaemonSet {{ namespace }}/{{ name }} from {{ source_ip }}',
  },
  {
    id: 'cronjob-created',
    title: 'CronJob created',
    severity: 'low',
    technique: { id: 'T1053.007', name: 'Scheduled Task/Job: Container Orchestration Job' },
    explanation:
      'A CronJob was created. A schedule keeps starting pods long after whoever created it lost access, so it is a favoured way ' +
      'to persist, and to run something at night when fewer people look. Most are legitimate batch work deployed by a ' +
      'pipeline; check the schedule, the image, the command and the service account it runs as.',
    query: created('cronjobs', NOT_PLATFORM),
    windowMinutes: 5,
    groupBy: ['name'],
    messageTemplate: '{{ user }} created CronJob {{ namespace }}/{{ name }} from {{ source_ip }}',
  },
  {
    id: 'namespace-created-by-human',
    title: 'Namespace created by a person',
    severity: 'low',
    technique: { id: 'T1610', name: 'Deploy Container' },
    explanation:
      'A person created a namespace by hand rather than through the GitOps or provisioning pipeline. A fresh namespace has ' +
      'no quota, no network policy and no Pod Security label unless defaults add them, which makes it a comfortable place to ' +
      'run something unnoticed. Check its labels and what gets deployed into it.',
    query: created('namespaces', IS_HUMAN),
    windowMinutes: 5,
    groupBy: ['name'],
    messageTemplate: '{{ user }} created namespace {{ name }} from {{ source_ip }}',
  },
  {
    id: 'namespace-deleted',
    title: 'Namespace deleted',
    severity: 'high',
    technique: DESTRUCTION,
    explanation:
      'A namespace was deleted: everything in it (workloads, Secrets, ConfigMaps, claims to volumes whose reclaim policy is ' +
      'Delete) goes with it and cannot be undone from the API. Sometimes planned clean-up, it is also the quickest sabotage ' +
      'an intruder with broad rights can do. Confirm it was intended and that backups of its volumes exist.',
    query:
      `objectRef.resource: namespaces and verb: delete | SELECT "user.username" AS user, "objectRef.name" AS namespace, ${REQUESTS} AS requests, ` +
      `arbitrary(${SOURCE_IP}) AS source_ip FROM log WHERE ${all(`"objectRef.subresource" IS NULL`, SUCCEEDED, NOT_PLATFORM)} GROUP BY user, namespace`,
    windowMinutes: 5,
    groupBy: ['namespace'],
    messageTemplate: '{{ user }} deleted namespace {{ namespace }} from {{ source_ip }}',
  },
  {
    id: 'mass-delete',
    title: `Mass deletion by one identity (${MASS_DELETE_THRESHOLD} or more, or a delete of a collection)`,
    severity: 'high',
    technique: DESTRUCTION,
    explanation:
      `One identity deleted ${MASS_DELETE_THRESHOLD} or more objects within the window, or issued a deletecollection (one ` +
      'request that removes every object matching it). Scripts clearing out a namespace and clean-ups after a test do this; so ' +
      'does someone wrecking a cluster or covering their tracks. The control plane’s own garbage collection is left out. ' +
      'Check what kinds were deleted and whether controllers were able to recreate them.',
    query:
      `verb: delete or verb: deletecollection | SELECT "user.username" AS user, ${REQUESTS} AS deletes, count_if(verb = 'deletecollection') AS collections, ` +
      `approx_distinct("objectRef.namespace") AS namespaces, arbitrary("objectRef.resource") AS example_kind, arbitrary(${SOURCE_IP}) AS source_ip FROM log ` +
      `WHERE ${all(SUCCEEDED, NOT_PLATFORM)} GROUP BY user HAVING ${REQUESTS} >= ${MASS_DELETE_THRESHOLD} OR count_if(verb = 'deletecollection') > 0`,
    windowMinutes: 10,
    groupBy: ['user'],
    messageTemplate:
      '{{ user }} made {{ deletes }} delete request(s) ({{ collections }} of whole collections) in {{ namespaces }} namespace(s), e.g. {{ example_kind }}, from {{ source_ip }}',
  },
];
