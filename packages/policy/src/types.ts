import type { AuditLevel, AuditStage } from '@kubetrail/contracts';

export const POLICY_API_VERSIONS = ['audit.k8s.io/v1', 'audit.k8s.io/v1beta1'] as const;
export type PolicyApiVersion = (typeof POLICY_API_VERSIONS)[number];

/** One problem found in a policy source; `line` and `column` are 1-based. */
export interface PolicyIssue {
  line: number;
  column: number;
  field: string;
  message: string;
}

/** What kube-apiserver's authorizer knows about a request, as far as the policy cares. */
export interface RequestAttributes {
  user: string;
  groups: string[];
  verb: string;
  /** `""` for cluster-scoped resources and for non-resource requests. */
  namespace: string;
  resource: string;
  subresource: string;
  /** `""` is the core group. */
  apiGroup: string;
  name: string;
  isResourceRequest: boolean;
  /** The URL path, without the query string. */
  path: string;
}

export interface CompiledGroupResources {
  readonly group: string;
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
}

export interface CompiledRule {
  readonly level: AuditLevel;
  readonly users: readonly string[];
  readonly userGroups: readonly string[];
  readonly verbs: readonly string[];
  readonly namespaces: readonly string[];
  readonly resources: readonly CompiledGroupResources[];
  readonly nonResourceURLs: readonly string[];
  /** The rule's own stages united with the policy's. */
  readonly omitStages: readonly AuditStage[];
  /** The rule's override, `undefined` when it defers to the policy. */
  readonly omitManagedFields: boolean | undefined;
  /** Where the rule starts in the source (1-based), for reports about rules. */
  readonly line: number;
}

export interface CompiledPolicy {
  readonly apiVersion: PolicyApiVersion;
  readonly omitStages: readonly AuditStage[];
  readonly omitManagedFields: boolean;
  readonly rules: readonly CompiledRule[];
}

export interface PolicyDecision {
  level: AuditLevel;
  omitStages: AuditStage[];
  omitManagedFields: boolean;
  /** Index of the first matching rule, `null` when none matched. */
  ruleIndex: number | null;
}
