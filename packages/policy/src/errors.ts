import { AppError } from '@kubetrail/contracts';
import type { PolicyIssue } from './types';

export function formatIssue(issue: PolicyIssue): string {
  const where = `line ${issue.line}, column ${issue.column}`;
  return issue.field ? `${where}: ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** An audit policy that cannot be used; `issues` lists every problem found, in source order. */
export class PolicyError extends AppError {
  readonly issues: PolicyIssue[];

  constructor(issues: PolicyIssue[]) {
    super('BAD_REQUEST', `invalid audit policy:\n${issues.map(formatIssue).join('\n')}`, { issues });
    this.name = 'PolicyError';
    this.issues = issues;
  }
}
