import { HOST_PATHS } from './host-layout';
import { webhookUrl, type ResolvedTarget } from './resolve-target';
import { yamlDocument, yamlText } from './yaml-text';

const NAME = 'kubetrail';

/** `kubetrail-webhook.kubeconfig`: where kube-apiserver's webhook backend posts, with the cluster token as its Bearer token. */
export function webhookKubeconfig(target: ResolvedTarget): string {
  const doc = yamlDocument(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: NAME, cluster: { server: webhookUrl(target) } }],
      users: [{ name: NAME, user: { token: target.token } }],
      contexts: [{ name: NAME, context: { cluster: NAME, user: NAME } }],
      'current-context': NAME,
    },
    [
      `Webhook audit backend of cluster "${target.clusterName}" (${target.clusterId}).`,
      `Put it at ${HOST_PATHS.webhookKubeconfig} on every control-plane node, readable by root only`,
      '(it holds the token), and start kube-apiserver with --audit-webhook-config-file pointing at it.',
      'For an https server signed by a private CA, add certificate-authority under the cluster.',
      ...(target.tokenKnown ? [] : ['', `Replace ${target.token} with the cluster's token.`]),
    ],
  );
  return yamlText(doc);
}
