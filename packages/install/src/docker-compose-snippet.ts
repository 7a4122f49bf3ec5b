import { AGENT_ENV, agentTailArgs, STOP_GRACE_SECONDS } from './agent-command';
import { AGENT_STATE_DIR, HOST_PATHS, hostStateDir } from './host-layout';
import type { ResolvedTarget } from './resolve-target';
import { commentKey, yamlDocument, yamlText } from './yaml-text';

export const COMPOSE_SERVICE = 'kubetrail-agent';

// Compose substitutes `$NAME` and `${NAME}` in every value; `$$` is a literal `$`.
const literal = (value: string): string => value.replaceAll('$', () => '$$');

/** `docker-compose.kubetrail-agent.yml`: the agent beside an apiserver that runs outside Kubernetes (a registered cluster's host). */
export function dockerComposeSnippet(target: ResolvedTarget): string {
  const doc = yamlDocument(
    {
      services: {
        [COMPOSE_SERVICE]: {
          image: literal(target.agentImage),
          command: agentTailArgs().map(literal),
          environment: {
            [AGENT_ENV.server]: literal(target.serverUrl),
            [AGENT_ENV.token]: literal(target.token),
            [AGENT_ENV.stateDir]: AGENT_STATE_DIR,
          },
          user: '0:0',
          read_only: true,
          cap_drop: ['ALL'],
          security_opt: ['no-new-privileges:true'],
          volumes: [`${HOST_PATHS.auditLogDir}:${HOST_PATHS.auditLogDir}:ro`, `${hostStateDir(target.clusterId)}:${AGENT_STATE_DIR}`],
          labels: { 'kubetrail.io/cluster': target.clusterId, 'kubetrail.io/cluster-name': literal(target.clusterName) },
          mem_limit: '256m',
          cpus: 0.5,
          stop_grace_period: `${STOP_GRACE_SECONDS}s`,
          restart: 'unless-stopped',
        },
      },
    },
    [
      `Kubetrail agent for cluster "${target.clusterName}" (${target.clusterId}), on a host that runs`,
      `kube-apiserver outside Kubernetes and writes its audit log to ${HOST_PATHS.auditLog}.`,
      'Start it on that host: docker compose -f docker-compose.kubetrail-agent.yml up -d',
      ...(target.tokenKnown ? [] : ['', `Replace ${target.token} with the cluster's token first.`]),
    ],
  );
  commentKey(
    doc,
    ['services', COMPOSE_SERVICE, 'user'],
    [
      'kube-apiserver writes the audit log as root with mode 0600 and the image runs as uid 10001:',
      'root reads it, with every capability dropped and a read-only root filesystem.',
    ],
  );
  return yamlText(doc);
}
