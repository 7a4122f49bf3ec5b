import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { formatFieldPath, type AuditLevel, type AuditStage } from '@kubetrail/contracts';
import { Decoder } from './decode';
import { PolicyError } from './errors';
import { policySpec } from './schema';
import type { CompiledGroupResources, CompiledPolicy, CompiledRule, PolicyApiVersion, PolicyIssue } from './types';

interface RawGroupResources {
  group?: string;
  resources?: string[];
  resourceNames?: string[];
}

interface RawRule {
  level: AuditLevel;
  users?: string[];
  userGroups?: string[];
  verbs?: string[];
  namespaces?: string[];
  resources?: RawGroupResources[];
  nonResourceURLs?: string[];
  omitStages?: AuditStage[];
  omitManagedFields?: boolean;
}

interface RawPolicy {
  apiVersion: PolicyApiVersion;
  rules: RawRule[];
  omitStages?: AuditStage[];
  omitManagedFields?: boolean;
}

type Analysis = { policy: CompiledPolicy; issues: [] } | { policy: null; issues: PolicyIssue[] };

/** Parses an audit policy (YAML or JSON, `audit.k8s.io/v1` or `v1beta1`); throws `PolicyError` listing every problem. */
export function parsePolicy(source: string): CompiledPolicy {
  const result = analyze(source);
  if (!result.policy) throw new PolicyError(result.issues);
  return result.policy;
}

/** Every problem in a policy source, in source order; `[]` when the policy is valid. */
export function lintPolicy(source: string): PolicyIssue[] {
  return analyze(source).issues;
}

function analyze(source: string): Analysis {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => {
      const { line, col } = lines.linePos(error.pos[0]);
      return { line, column: col, field: pathAt(doc, error.pos[0]), message: error.message };
    });
    return { policy: null, issues: sortIssues(issues) };
  }
  const decoder = new Decoder(doc, lines);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    decoder.report(null, [], 'policy is empty');
    return { policy: null, issues: decoder.issues };
  }
  const raw = decoder.decode(root, policySpec, []) as RawPolicy | undefined;
  if (decoder.issues.length > 0 || !raw) return { policy: null, issues: sortIssues(decoder.issues) };
  return { policy: compile(raw, ruleLines(doc, decoder, lines)), issues: [] };
}

function compile(raw: RawPolicy, lines: number[]): CompiledPolicy {
  const policyStages = unique(raw.omitStages ?? []);
  const rules = raw.rules.map((rule, i): CompiledRule => ({
    level: rule.level,
    users: rule.users ?? [],
    userGroups: rule.userGroups ?? [],
    verbs: rule.verbs ?? [],
    namespaces: rule.namespaces ?? [],
    resources: (rule.resources ?? []).map((gr): CompiledGroupResources => ({
      group: gr.group ?? '',
      resources: gr.resources ?? [],
      resourceNames: gr.resourceNames ?? [],
    })),
    nonResourceURLs: rule.nonResourceURLs ?? [],
    omitStages: unique([...policyStages, ...(rule.omitStages ?? [])]),
    omitManagedFields: rule.omitManagedFields,
    line: lines[i] ?? 0,
  }));
  return {
    apiVersion: raw.apiVersion,
    omitStages: policyStages,
    omitManagedFields: raw.omitManagedFields ?? false,
    rules,
  };
}

function ruleLines(doc: Document, decoder: Decoder, lines: LineCounter): number[] {
  const root = decoder.resolve(doc.contents);
  const rules = isMap(root) ? decoder.resolve(root.get('rules', true)) : null;
  if (!isSeq(rules)) return [];
  return rules.items.map((item) => lines.linePos(decoder.resolve(item)?.range?.[0] ?? 0).line);
}

/** The field path of the innermost node that contains `offset`, for syntax errors. */
function pathAt(doc: Document, offset: number): string {
  const path: (string | number)[] = [];
  let node: unknown = doc.contents;
  const contains = (n: unknown): n is Node => {
    const range = (n as Node | null)?.range;
    return !!range && range[0] <= offset && offset <= range[2];
  };
  for (let depth = 0; depth < 64; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key) || contains(p.value));
      if (!pair || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      if (!contains(pair.value)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex(contains);
      if (index < 0) break;
      path.push(index);
      node = node.items[index];
    } else break;
  }
  return formatFieldPath(path);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function sortIssues(issues: PolicyIssue[]): PolicyIssue[] {
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}
