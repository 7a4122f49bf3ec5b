import { AUDIT_LEVELS, AUDIT_STAGES, type AuditLevel, type AuditStage } from '@kubetrail/contracts/core';
import { POLICY_API_VERSIONS, type CompiledGroupResources, type CompiledPolicy, type CompiledRule, type PolicyApiVersion } from './types';

// A compiled policy is plain JSON, so agents receive it ready to evaluate and
// need no YAML parser. This checks one that arrived over the wire by hand
// (the agent ships without Zod); the return type ties it to CompiledPolicy.

export class CompiledPolicyShapeError extends Error {}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(path: string, want: string): never {
  throw new CompiledPolicyShapeError(`compiled policy: ${path} must be ${want}`);
}

function strings(v: unknown, path: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) fail(path, 'a list of strings');
  return v as string[];
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) fail(path, `one of ${allowed.join(', ')}`);
  return v as T;
}

function stages(v: unknown, path: string): AuditStage[] {
  return strings(v, path).map((s, i) => oneOf(s, AUDIT_STAGES, `${path}[${i}]`));
}

function groupResources(v: unknown, path: string): CompiledGroupResources {
  if (!isObject(v) || typeof v.group !== 'string') fail(`${path}.group`, 'a string');
  return {
    group: v.group,
    resources: strings(v.resources, `${path}.resources`),
    resourceNames: strings(v.resourceNames, `${path}.resourceNames`),
  };
}

function rule(v: unknown, path: string): CompiledRule {
  if (!isObject(v)) fail(path, 'an object');
  const { omitManagedFields } = v;
  if (omitManagedFields !== undefined && typeof omitManagedFields !== 'boolean') fail(`${path}.omitManagedFields`, 'a boolean');
  if (!Array.isArray(v.resources)) fail(`${path}.resources`, 'a list');
  return {
    level: oneOf<AuditLevel>(v.level, AUDIT_LEVELS, `${path}.level`),
    users: strings(v.users, `${path}.users`),
    userGroups: strings(v.userGroups, `${path}.userGroups`),
    verbs: strings(v.verbs, `${path}.verbs`),
    namespaces: strings(v.namespaces, `${path}.namespaces`),
    resources: v.resources.map((gr, i) => groupResources(gr, `${path}.resources[${i}]`)),
    nonResourceURLs: strings(v.nonResourceURLs, `${path}.nonResourceURLs`),
    omitStages: stages(v.omitStages, `${path}.omitStages`),
    omitManagedFields,
    line: Number.isInteger(v.line) ? (v.line as number) : 0,
  };
}

/** A CompiledPolicy received as JSON (from `JSON.parse`), checked field by field. */
export function decodeCompiledPolicy(value: unknown): CompiledPolicy {
  if (!isObject(value)) fail('the policy', 'an object');
  if (typeof value.omitManagedFields !== 'boolean') fail('omitManagedFields', 'a boolean');
  if (!Array.isArray(value.rules)) fail('rules', 'a list');
  return {
    apiVersion: oneOf<PolicyApiVersion>(value.apiVersion, POLICY_API_VERSIONS, 'apiVersion'),
    omitStages: stages(value.omitStages, 'omitStages'),
    omitManagedFields: value.omitManagedFields,
    rules: value.rules.map((r, i) => rule(r, `rules[${i}]`)),
  };
}
