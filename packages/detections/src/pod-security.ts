import type { Detection } from './detection';
import { all, FIRST_SEEN, IS_HUMAN, NOT_PLATFORM, REQUEST_TEXT, REQUESTS, SOURCE_IP, SUCCEEDED, WRITE_VERBS } from './query-parts';

const ESCAPE = { id: 'T1611', name: 'Escape to Host' };

const WORKLOADS = "'pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers'";
const NAME = `coalesce("objectRef.name", json_format("requestObject.metadata.name"))`;

/**
 * Pods and pod templates written (not by the platform's own controllers,
 * which create pods from templates already checked here) whose body
 * matches `pattern`: the body's JSON text, so containers, init containers,
 * ephemeral containers and JSON patches are all read.
 */
const podSpecQuery = (pattern: string) =>
  `* | SELECT "user.username" AS user, verb, "objectRef.resource" AS kind, "objectRef.namespace" AS namespace, ${NAME} AS name, ` +
  `${REQUESTS} AS requests, arbitrary(${SOURCE_IP}) AS source_ip FROM log ` +
  `WHERE ${all(`"objectRef.resource" IN (${WORKLOADS})`, WRITE_VERBS, SUCCEEDED, NOT_PLATFORM, `regexp_like(${REQUEST_TEXT}, '${pattern}')`)} ` +
  'GROUP BY user, verb, kind, namespace, name';

const BODY_NOTE =
  'It reads the request body, which the audit policy must log (level Request or above for pod and workload writes, as the ' +
  'ACK and TKE presets do).';

export const POD_SECURITY_DETECTIONS: Detection[] = [
  {
    id: 'privileged-pod-created',
    title: 'Privileged container created',
    severity: 'high',
    technique: ESCAPE,
    explanation:
      'A pod or workload was written with a container that sets `securityContext.privileged: true`. A privileged container has ' +
      'every capability and the host’s devices; escaping to the node from it takes one command (mount the host disk, or ' +
      '`nsenter` into PID 1). Only node agents (CNI, storage, monitoring) should need it. Check the image and who applied it, ' +
      `and whether the namespace’s Pod Security level should have refused it. ${BODY_NOTE}`,
    query: podSpecQuery('"privileged": ?true'),
    windowMinutes: 5,
    groupBy: ['user', 'name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} {{ namespace }}/{{ name }} with a privileged container',
  },
  {
    id: 'hostpath-volume-pod',
    title: 'Pod mounting a directory of the node (hostPath)',
    severity: 'high',
    technique: ESCAPE,
    explanation:
      'A pod or workload was written with a hostPath volume. Mounting `/`, `/etc`, `/var/lib/kubelet` or a container runtime ' +
      'socket hands the container the node: its credentials, other pods’ secrets and the ability to start containers outside ' +
      'Kubernetes. Log collectors and CSI drivers mount narrow read-only paths; check which path this is and whether it is ' +
      `read-only. ${BODY_NOTE}`,
    query: podSpecQuery('"hostPath": ?[{]'),
    windowMinutes: 5,
    groupBy: ['user', 'name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} {{ namespace }}/{{ name }} mounting a hostPath volume',
  },
  {
    id: 'host-network-pod',
    title: 'Pod on the node’s network (hostNetwork)',
    severity: 'medium',
    technique: ESCAPE,
    explanation:
      'A pod or workload was written with `hostNetwork: true`. The pod skips network policies, can listen on the node’s ' +
      'interfaces, sniff its traffic and reach services bound to localhost on the node, such as the kubelet’s read-only port or ' +
      `a cloud metadata endpoint. CNI and ingress agents use it; an application seldom should. ${BODY_NOTE}`,
    query: podSpecQuery('"hostNetwork": ?true'),
    windowMinutes: 5,
    groupBy: ['user', 'name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} {{ namespace }}/{{ name }} on the host network',
  },
  {
    id: 'host-pid-pod',
    title: 'Pod sharing the node’s process or IPC namespace (hostPID/hostIPC)',
    severity: 'high',
    technique: ESCAPE,
    explanation:
      'A pod or workload was written with `hostPID: true` or `hostIPC: true`. With the host’s process namespace a container ' +
      'sees every process on the node, reads their environment and memory when it runs as root, and can `nsenter` into PID 1 to ' +
      `leave the container. Only node-level tooling has a reason to ask for it. ${BODY_NOTE}`,
    query: podSpecQuery('"host(PID|IPC)": ?true'),
    windowMinutes: 5,
    groupBy: ['user', 'name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} {{ namespace }}/{{ name }} sharing the host’s PID or IPC namespace',
  },
  {
    id: 'container-runtime-socket-mounted',
    title: 'Container runtime socket mounted into a pod',
    severity: 'critical',
    technique: ESCAPE,
    explanation:
      'A pod or workload mounts the container runtime’s socket or state directory (docker.sock, containerd.sock, crio.sock, ' +
      '/run/containerd). Whoever talks to that socket starts privileged containers on the node without the API server, ' +
      'admission control or audit ever seeing them. Very few tools need it (image builders of old, some security agents); ' +
      `treat any other as a node compromise in waiting. ${BODY_NOTE}`,
    query: podSpecQuery('"path": ?"[^"]*((docker|containerd|crio|cri-dockerd|podman)[.]sock|/run/(containerd|crio|docker))/?"'),
    windowMinutes: 5,
    groupBy: ['user', 'name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} {{ namespace }}/{{ name }} mounting the container runtime socket',
  },
  {
    id: 'pod-created-in-kube-system-by-human',
    title: 'Pod created in kube-system by a person',
    severity: 'medium',
    technique: { id: 'T1036.005', name: 'Masquerading: Match Legitimate Name or Location' },
    explanation:
      'A person created a pod directly in kube-system. Pods there are normally made by controllers from the cluster’s own ' +
      'DaemonSets and Deployments; one made by hand hides among system components, often runs with a powerful service account ' +
      'and is usually exempt from Pod Security. Check the pod’s image and spec, and remove it once the work it was made for ends.',
    query:
      `objectRef.resource: pods and verb: create | SELECT "user.username" AS user, ${NAME} AS pod, ${REQUESTS} AS requests, ` +
      `arbitrary(${SOURCE_IP}) AS source_ip, ${FIRST_SEEN} AS first_seen FROM log ` +
      `WHERE ${all(`"objectRef.namespace" = 'kube-system'`, `"objectRef.subresource" IS NULL`, IS_HUMAN, SUCCEEDED)} GROUP BY user, pod`,
    windowMinutes: 5,
    groupBy: ['user'],
    messageTemplate: '{{ user }} created pod kube-system/{{ pod }} from {{ source_ip }}',
  },
];
