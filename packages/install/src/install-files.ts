import { apiserverFlags } from './apiserver-flags';
import { auditPolicyFile } from './audit-policy-file';
import { daemonSetManifest } from './daemonset-manifest';
import { dockerComposeSnippet } from './docker-compose-snippet';
import type { InstallFile, InstallTarget } from './install-target';
import { resolveTarget, type ResolvedTarget } from './resolve-target';
import { webhookKubeconfig } from './webhook-kubeconfig';

// Where the provider runs the control plane there may be no node to schedule on and no flag to set.
const PROVIDER_NOTE =
  ' On a managed or serverless cluster the provider runs the control plane: this works only where it lets you reach it.';

const providerNote = (target: ResolvedTarget): string =>
  target.clusterType === 'managed' || target.clusterType === 'serverless' ? PROVIDER_NOTE : '';

/**
 * The files the console's "Install agent" page shows for one cluster, in a fixed order (the caller may reorder).
 * Throws `AppError('BAD_REQUEST')` for an unusable target and `PolicyError` for an invalid policy.
 */
export function installFiles(input: InstallTarget): InstallFile[] {
  const target = resolveTarget(input);
  return [
    {
      id: 'daemonset',
      filename: 'kubetrail-agent.yaml',
      language: 'yaml',
      title: 'Agent DaemonSet',
      purpose:
        'Runs the agent on every control-plane node, following the audit log kube-apiserver writes. ' +
        'Apply with kubectl once the apiserver writes the log.' +
        providerNote(target),
      content: daemonSetManifest(target),
    },
    {
      id: 'audit-policy',
      filename: 'audit-policy.yml',
      language: 'yaml',
      title: 'Audit policy',
      purpose:
        "The cluster's audit policy, for kube-apiserver's --audit-policy-file on every control-plane node. " +
        'Kubetrail applies the same policy again as events arrive.',
      content: auditPolicyFile(target),
    },
    {
      id: 'apiserver-flags',
      filename: 'kube-apiserver-flags.txt',
      language: 'shell',
      title: 'kube-apiserver flags',
      purpose:
        'The flags that make kube-apiserver write the audit log (or post to the webhook), and the mounts a static-pod apiserver needs.' +
        providerNote(target),
      content: apiserverFlags(target),
    },
    {
      id: 'webhook-kubeconfig',
      filename: 'kubetrail-webhook.kubeconfig',
      language: 'yaml',
      title: 'Webhook kubeconfig',
      purpose:
        "Instead of the agent: kube-apiserver's webhook backend posts events to Kubetrail directly, with the cluster token. " +
        'For control planes that cannot host the agent or keep a log file.',
      content: webhookKubeconfig(target),
    },
    {
      id: 'docker-compose',
      filename: 'docker-compose.kubetrail-agent.yml',
      language: 'yaml',
      title: 'Agent on a Docker host',
      purpose:
        'For registered clusters and other hosts that run kube-apiserver outside Kubernetes: ' +
        'runs the agent with Docker Compose beside the apiserver, following its audit log.',
      content: dockerComposeSnippet(target),
    },
  ];
}
