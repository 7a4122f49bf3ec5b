import { AUDIT_LEVELS, AUDIT_STAGES } from '@kubetrail/contracts';
import type { ObjectSpec, Spec, StringCheck } from './decode';
import { POLICY_API_VERSIONS } from './types';

/** The fields of `audit.k8s.io/v1` (and v1beta1) Policy, PolicyRule and GroupResources. */

const oneOf = (what: string, allowed: readonly string[]): StringCheck => {
  const want = `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;
  return (value) => {
    if (value === '') return `must not be empty (want ${want})`;
    return allowed.includes(value) ? undefined : `unknown ${what} ${JSON.stringify(value)} (want ${want})`;
  };
};

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_SUBDOMAIN = new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`);

const apiGroup: StringCheck = (value) => {
  if (value === '') return undefined;
  if (value.length <= 253 && DNS_SUBDOMAIN.test(value)) return undefined;
  return `${JSON.stringify(value)} is not an API group name (a lowercase DNS subdomain without a version, or "" for core)`;
};

const nonResourceURL: StringCheck = (value) => {
  if (value === '*') return undefined;
  if (!value.startsWith('/')) return `${JSON.stringify(value)} must begin with "/"`;
  if (value.slice(0, -1).includes('*')) return `${JSON.stringify(value)}: "*" is only allowed as the last character`;
  return undefined;
};

const stringList = (check?: StringCheck): Spec => ({
  type: 'list',
  item: check ? { type: 'string', check } : { type: 'string' },
});
const stages = stringList(oneOf('stage', AUDIT_STAGES));
const str: Spec = { type: 'string' };

const objectMeta: ObjectSpec = {
  type: 'object',
  fields: {
    name: str,
    generateName: str,
    namespace: str,
    selfLink: str,
    uid: str,
    resourceVersion: str,
    generation: { type: 'integer' },
    creationTimestamp: { type: 'any' },
    deletionTimestamp: { type: 'any' },
    deletionGracePeriodSeconds: { type: 'integer' },
    labels: { type: 'stringMap' },
    annotations: { type: 'stringMap' },
    ownerReferences: { type: 'any' },
    finalizers: stringList(),
    managedFields: { type: 'any' },
  },
};

const groupResources: ObjectSpec = {
  type: 'object',
  fields: { group: { type: 'string', check: apiGroup }, resources: stringList(), resourceNames: stringList() },
  check: (value, report) => {
    if (nonEmpty(value.resourceNames) && !nonEmpty(value.resources)) {
      report('resourceNames', 'resourceNames needs at least one entry in resources');
    }
  },
};

const rule: ObjectSpec = {
  type: 'object',
  fields: {
    level: { type: 'string', check: oneOf('level', AUDIT_LEVELS) },
    users: stringList(),
    userGroups: stringList(),
    verbs: stringList(),
    resources: { type: 'list', item: groupResources },
    namespaces: stringList(),
    nonResourceURLs: stringList(nonResourceURL),
    omitStages: stages,
    omitManagedFields: { type: 'boolean' },
  },
  required: ['level'],
  check: (value, report) => {
    if (nonEmpty(value.nonResourceURLs) && (nonEmpty(value.resources) || nonEmpty(value.namespaces))) {
      report('nonResourceURLs', 'a rule cannot select both resources (or namespaces) and non-resource URLs');
    }
  },
};

export const policySpec: ObjectSpec = {
  type: 'object',
  fields: {
    apiVersion: { type: 'string', check: oneOf('apiVersion', POLICY_API_VERSIONS) },
    kind: { type: 'string', check: (v) => (v === 'Policy' ? undefined : `must be "Policy", got ${JSON.stringify(v)}`) },
    metadata: objectMeta,
    rules: { type: 'list', item: rule },
    omitStages: stages,
    omitManagedFields: { type: 'boolean' },
  },
  required: ['apiVersion', 'kind', 'rules'],
  check: (value, report) => {
    if (Array.isArray(value.rules) && value.rules.length === 0) report('rules', 'a policy needs at least one rule');
  },
};

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
