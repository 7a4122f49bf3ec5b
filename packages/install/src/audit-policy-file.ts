import { isCollection, parseDocument, visit } from 'yaml';
import { parsePolicy } from '@kubetrail/policy';
import { HOST_PATHS } from './host-layout';
import type { ResolvedTarget } from './resolve-target';
import { commentText, yamlText } from './yaml-text';

/**
 * `audit-policy.yml`: the cluster's policy, checked and written again: comments kept, quoting and indentation
 * redone, JSON turned into block YAML.
 * Throws `PolicyError` for a policy kube-apiserver would refuse (it would not start).
 */
export function auditPolicyFile(target: ResolvedTarget): string {
  parsePolicy(target.policyYaml);
  const doc = parseDocument(target.policyYaml);
  // Quoting as the serializer sees fit; JSON (or flow-style) input becomes block style, the way policies are read and edited.
  const toBlock = isCollection(doc.contents) && doc.contents.flow;
  visit(doc, {
    Scalar(_, node) {
      node.type = undefined;
    },
    Collection(_, node) {
      if (toBlock) node.flow = false;
    },
  });
  const header = commentText([
    `Audit policy of cluster "${target.clusterName}" (${target.clusterId}).`,
    `Put it at ${HOST_PATHS.auditPolicy} on every control-plane node (--audit-policy-file).`,
    'kube-apiserver reads it only when it starts: restart the apiserver after changing it.',
  ]);
  doc.commentBefore = doc.commentBefore ? `${header}\n\n${doc.commentBefore}` : header;
  return yamlText(doc);
}
