import type { CompiledGroupResources, CompiledPolicy, CompiledRule } from './types';

export type AdviceCode = 'shadowed-rule' | 'secret-data-logged' | 'request-received-kept';

/** A likely mistake in a valid policy: worth a warning, not a refusal. */
export interface Advice {
  code: AdviceCode;
  /** 1-based line of the rule concerned */
  line: number;
  /** index of the rule concerned */
  rule: number;
  message: string;
}

// Every check below is conservative: it only reports what is certain, so a
// warning is never a false alarm (a real shadowing can go unreported).

const coversList = (a: readonly string[], b: readonly string[]) => a.length === 0 || (b.length > 0 && b.every((x) => a.includes(x)));

/** Whether resource entry `a` matches every (resource, subresource) that `r` names. */
function coversResource(a: string, r: string): boolean {
  if (a === '*' || a === r) return true;
  // "pods/*" matches pods and every pods subresource (kube-apiserver's checker)
  return a.endsWith('/*') && (r === a.slice(0, -2) || r.startsWith(a.slice(0, -1)));
}

function coversGroupResources(a: CompiledGroupResources, b: CompiledGroupResources): boolean {
  if (a.group !== b.group) return false;
  if (!coversList(a.resourceNames, b.resourceNames)) return false;
  if (a.resources.length === 0) return true;
  return b.resources.length > 0 && b.resources.every((r) => a.resources.some((x) => coversResource(x, r)));
}

const coversUrl = (a: string, b: string) => a === b || (a.endsWith('*') && b.startsWith(a.slice(0, -1)));

/** Every request `b` matches is matched by `a`. */
export function ruleCovers(a: CompiledRule, b: CompiledRule): boolean {
  if (!coversList(a.users, b.users) || !coversList(a.userGroups, b.userGroups) || !coversList(a.verbs, b.verbs)) return false;
  if (!coversList(a.namespaces, b.namespaces)) return false;
  if (a.resources.length > 0)
    return (
      b.resources.length > 0 &&
      b.nonResourceURLs.length === 0 &&
      b.resources.every((gr) => a.resources.some((x) => coversGroupResources(x, gr)))
    );
  if (a.nonResourceURLs.length > 0)
    return (
      b.nonResourceURLs.length > 0 &&
      b.resources.length === 0 &&
      b.nonResourceURLs.every((u) => a.nonResourceURLs.some((x) => coversUrl(x, u)))
    );
  return true;
}

/** Whether the rule can match some request for Secrets (core group). */
function canMatchSecrets(rule: CompiledRule): boolean {
  if (rule.nonResourceURLs.length > 0) return false;
  if (rule.resources.length === 0) return true;
  return rule.resources.some(
    (gr) => gr.group === '' && (gr.resources.length === 0 || gr.resources.some((r) => coversResource(r, 'secrets'))),
  );
}

/** Whether the rule matches every Secrets request, whoever makes it. */
function catchesAllSecrets(rule: CompiledRule): boolean {
  if (rule.users.length || rule.userGroups.length || rule.verbs.length || rule.namespaces.length || rule.nonResourceURLs.length)
    return false;
  return (
    rule.resources.length === 0 ||
    rule.resources.some(
      (gr) =>
        gr.group === '' &&
        gr.resourceNames.length === 0 &&
        (gr.resources.length === 0 || gr.resources.some((r) => coversResource(r, 'secrets'))),
    )
  );
}

const DETAILED = new Set(['Request', 'RequestResponse']);

export function advisePolicy(policy: CompiledPolicy): Advice[] {
  const advice: Advice[] = [];
  policy.rules.forEach((rule, j) => {
    const shadow = policy.rules.slice(0, j).findIndex((earlier) => ruleCovers(earlier, rule));
    if (shadow >= 0)
      advice.push({
        code: 'shadowed-rule',
        line: rule.line,
        rule: j,
        message: `rules[${j}] never matches: rules[${shadow}] (line ${policy.rules[shadow]!.line}) matches every request it would`,
      });
  });
  for (let j = 0; j < policy.rules.length; j++) {
    const rule = policy.rules[j]!;
    if (DETAILED.has(rule.level) && canMatchSecrets(rule) && !advice.some((a) => a.rule === j && a.code === 'shadowed-rule'))
      advice.push({
        code: 'secret-data-logged',
        line: rule.line,
        rule: j,
        message: `rules[${j}] can log Secrets at level ${rule.level}: their data would be written to the audit log; put a Metadata rule for secrets before it`,
      });
    if (catchesAllSecrets(rule)) break;
  }
  const keeping = policy.rules.findIndex((r) => r.level !== 'None' && !r.omitStages.includes('RequestReceived'));
  if (keeping >= 0)
    advice.push({
      code: 'request-received-kept',
      line: policy.rules[keeping]!.line,
      rule: keeping,
      message: `rules[${keeping}] keeps the RequestReceived stage: most requests are then logged twice; add RequestReceived to omitStages unless you need it`,
    });
  return advice.sort((a, b) => a.line - b.line);
}
