import type { Detection } from './detection';
import { all, FIRST_SEEN, IS_SERVICE_ACCOUNT, REQUESTS, SOURCE_IP, SUCCEEDED } from './query-parts';

const ADMINISTRATION = { id: 'T1609', name: 'Container Administration Command' };

/** Who opened a stream into which pod, once per user and pod; `columns` adds result columns after the count. */
const podStream = (subresource: string, count: string, where: string[], columns: string[] = []) =>
  `objectRef.subresource: ${subresource} | SELECT "user.username" AS user, "objectRef.namespace" AS namespace, "objectRef.name" AS pod, ` +
  `${[`${REQUESTS} AS ${count}`, ...columns].join(', ')}, arbitrary(${SOURCE_IP}) AS source_ip, ${FIRST_SEEN} AS first_seen FROM log ` +
  `WHERE ${all(`"objectRef.resource" = 'pods'`, SUCCEEDED, ...where)} GROUP BY user, namespace, pod`;

// The first `command=` argument kubectl sends, still URL-encoded.
const COMMAND = `arbitrary(regexp_extract(requestURI, '[?&]command=([^&]*)', 1))`;

export const CONTAINER_DETECTIONS: Detection[] = [
  {
    id: 'exec-into-pod',
    title: 'Command run in a container (pods/exec)',
    severity: 'medium',
    technique: ADMINISTRATION,
    explanation:
      'Someone ran a command inside a running container through the API server (`kubectl exec`). Engineers do this to debug, ' +
      'but it is also the first thing an intruder with a stolen kubeconfig does: the shell runs with the container’s service ' +
      'account token, environment secrets and network reach. Check that the user was expected to work on that pod, what the ' +
      'command was (interactive shells and `cat …/serviceaccount/token` deserve a closer look) and where the request came from.',
    query: podStream('exec', 'sessions', [], [`${COMMAND} AS command`]),
    windowMinutes: 5,
    groupBy: ['user', 'pod'],
    messageTemplate:
      '{{ user }} ran {{ sessions }} command(s) in pod {{ namespace }}/{{ pod }} from {{ source_ip }} (first: {{ command }})',
  },
  {
    id: 'attach-to-pod',
    title: 'Terminal attached to a container (pods/attach)',
    severity: 'medium',
    technique: ADMINISTRATION,
    explanation:
      'Someone attached to the main process of a running container (`kubectl attach`, or `kubectl debug node/…`, which attaches ' +
      'to the debugger pod it creates). Attaching to a process that reads stdin gives the same control as exec, and is rarer in ' +
      'everyday work. Confirm who it was and why; an attach to a node debugger pod means a shell on the node itself.',
    query: podStream('attach', 'sessions', []),
    windowMinutes: 5,
    groupBy: ['user', 'pod'],
    messageTemplate: '{{ user }} attached to pod {{ namespace }}/{{ pod }} {{ sessions }} time(s) from {{ source_ip }}',
  },
  {
    id: 'port-forward-to-pod',
    title: 'Port forwarded to a pod (pods/portforward)',
    severity: 'medium',
    technique: { id: 'T1572', name: 'Protocol Tunneling' },
    explanation:
      'A tunnel was opened from the client to a port of a pod (`kubectl port-forward`). It reaches databases, admin consoles and ' +
      'metrics endpoints that no Service or Ingress exposes, past network policies, so it is a convenient way to pull data out. ' +
      'Check which pod (a database or a secrets store?) and whether the user normally connects to it this way.',
    query: podStream('portforward', 'tunnels', []),
    windowMinutes: 5,
    groupBy: ['user', 'pod'],
    messageTemplate: '{{ user }} opened {{ tunnels }} port-forward(s) to {{ namespace }}/{{ pod }} from {{ source_ip }}',
  },
  {
    id: 'service-account-exec',
    title: 'Service account ran a command in a container',
    severity: 'high',
    technique: ADMINISTRATION,
    explanation:
      'A service account token was used to exec into or attach to a pod. Applications rarely need that; when one does it is ' +
      'usually a CI job or an operator known by name. Otherwise it suggests a token taken from a pod being used to move into ' +
      'other containers. Check which service account it was, whether it is meant to have pods/exec, and the source address.',
    query:
      `* | SELECT "user.username" AS user, "objectRef.subresource" AS action, "objectRef.namespace" AS namespace, "objectRef.name" AS pod, ` +
      `${REQUESTS} AS sessions, arbitrary(${SOURCE_IP}) AS source_ip FROM log ` +
      `WHERE ${all(`"objectRef.resource" = 'pods'`, `"objectRef.subresource" IN ('exec', 'attach')`, IS_SERVICE_ACCOUNT, SUCCEEDED)} ` +
      'GROUP BY user, action, namespace, pod',
    windowMinutes: 5,
    groupBy: ['user'],
    messageTemplate: 'Service account {{ user }} used {{ action }} on pod {{ namespace }}/{{ pod }} from {{ source_ip }}',
  },
  {
    id: 'ephemeral-container-added',
    title: 'Ephemeral container added to a running pod',
    severity: 'medium',
    technique: ADMINISTRATION,
    explanation:
      'An ephemeral container was injected into a running pod (`kubectl debug -it pod/…`). It shares the pod’s network and, ' +
      'with `--target`, its process namespace, and may use any image, so it sidesteps the image and command the workload was ' +
      'reviewed with. Check the image and who added it; the pod keeps the container in its spec until it is recreated.',
    query: podStream('ephemeralcontainers', 'changes', ["verb IN ('update', 'patch')"]),
    windowMinutes: 5,
    groupBy: ['user', 'pod'],
    messageTemplate: '{{ user }} added an ephemeral container to pod {{ namespace }}/{{ pod }} from {{ source_ip }}',
  },
  {
    id: 'node-proxy-access',
    title: 'Kubelet API reached through nodes/proxy',
    severity: 'high',
    technique: ADMINISTRATION,
    explanation:
      'A request went through the API server to a kubelet (nodes/proxy) for something other than metrics or stats. The kubelet API ' +
      'lists every pod on the node and runs commands in them (/run, /exec) with no per-pod authorization and, unlike pods/exec, ' +
      'its audit trail ends at the proxy. Monitoring scrapes of /metrics and /stats are left out. Check the path and who holds ' +
      'nodes/proxy: it is one of the most powerful permissions in a cluster.',
    query:
      `objectRef.resource: nodes and objectRef.subresource: proxy | SELECT "user.username" AS user, "objectRef.name" AS node, verb, ` +
      `arbitrary(regexp_extract(requestURI, '/proxy(/[^?]*)?', 1)) AS path, ${REQUESTS} AS requests, arbitrary(${SOURCE_IP}) AS source_ip FROM log ` +
      `WHERE ${all(SUCCEEDED, `NOT (verb = 'get' AND regexp_like(requestURI, '/proxy/(metrics(/[a-z]+)?|stats(/summary)?|healthz)/?([?]|$)'))`)} ` +
      'GROUP BY user, node, verb',
    windowMinutes: 5,
    groupBy: ['user', 'node'],
    messageTemplate:
      '{{ user }} sent {{ requests }} {{ verb }} request(s) to the kubelet of {{ node }} (e.g. {{ path }}) from {{ source_ip }}',
  },
];
