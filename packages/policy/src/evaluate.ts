import type { CompiledPolicy, CompiledRule, PolicyDecision, RequestAttributes } from './types';

/**
 * The level, omitted stages and managed-fields choice kube-apiserver would
 * apply to a request: rules are tried in order and the first match wins; when
 * none matches the request is not audited (level None).
 */
export function evaluatePolicy(policy: CompiledPolicy, attrs: RequestAttributes): PolicyDecision {
  const index = firstMatch(policy, attrs);
  const rule = index < 0 ? undefined : policy.rules[index];
  if (!rule) {
    return {
      level: 'None',
      omitStages: [...policy.omitStages],
      omitManagedFields: policy.omitManagedFields,
      ruleIndex: null,
    };
  }
  return {
    level: rule.level,
    omitStages: [...rule.omitStages],
    omitManagedFields: rule.omitManagedFields ?? policy.omitManagedFields,
    ruleIndex: index,
  };
}

/** Index of the first rule matching the request, or -1. */
export function firstMatch(policy: CompiledPolicy, attrs: RequestAttributes): number {
  return policy.rules.findIndex((rule) => ruleMatches(rule, attrs));
}

/** A rule matches when every selector it sets matches; unset (empty) selectors match anything. */
export function ruleMatches(rule: CompiledRule, attrs: RequestAttributes): boolean {
  if (rule.users.length > 0 && !rule.users.includes(attrs.user)) return false;
  if (rule.userGroups.length > 0 && !attrs.groups.some((g) => rule.userGroups.includes(g))) return false;
  if (rule.verbs.length > 0 && !rule.verbs.includes(attrs.verb)) return false;
  if (rule.namespaces.length > 0 || rule.resources.length > 0) return matchesResource(rule, attrs);
  if (rule.nonResourceURLs.length > 0) return matchesNonResource(rule, attrs);
  return true;
}

function matchesNonResource(rule: CompiledRule, attrs: RequestAttributes): boolean {
  if (attrs.isResourceRequest) return false;
  return rule.nonResourceURLs.some((spec) => pathMatches(attrs.path, spec));
}

export function pathMatches(path: string, spec: string): boolean {
  if (spec === '*' || spec === path) return true;
  // A trailing "*" makes the spec a prefix; kube-apiserver trims every trailing "*".
  return spec.endsWith('*') && path.startsWith(trimEnd(spec, '*'));
}

function matchesResource(rule: CompiledRule, attrs: RequestAttributes): boolean {
  if (!attrs.isResourceRequest) return false;
  // Cluster-scoped requests carry the namespace "", which a namespaces entry "" selects.
  if (rule.namespaces.length > 0 && !rule.namespaces.includes(attrs.namespace)) return false;
  if (rule.resources.length === 0) return true;

  const { resource, subresource } = attrs;
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const gr of rule.resources) {
    if (gr.group !== attrs.apiGroup) continue;
    if (gr.resources.length === 0) return true;
    if (gr.resourceNames.length > 0 && !gr.resourceNames.includes(attrs.name)) continue;
    for (const res of gr.resources) {
      if (res === combined || res === '*') return true;
      if (subresource && res.startsWith('*/') && res.slice(2) === subresource) return true;
      if (res.endsWith('/*') && res.slice(0, -2) === resource) return true;
    }
  }
  return false;
}

function trimEnd(value: string, char: string): string {
  let end = value.length;
  while (end > 0 && value[end - 1] === char) end--;
  return value.slice(0, end);
}
