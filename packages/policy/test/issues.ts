import assert from 'node:assert/strict';
import { lintPolicy, type PolicyIssue } from '../src/index';

export const HEADER = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';

/** The one issue a source has; fails when there are none or several. */
export function onlyIssue(source: string): PolicyIssue {
  const issues = lintPolicy(source);
  const [issue, ...rest] = issues;
  assert.ok(issue && rest.length === 0, `expected one issue, got ${JSON.stringify(issues, null, 2)}`);
  return issue;
}

export interface ExpectedIssue {
  line: number;
  column?: number;
  field: string;
  message: RegExp;
}

export function assertIssue(source: string, want: ExpectedIssue): void {
  const { message, ...where } = want;
  const issue = onlyIssue(source);
  assert.deepEqual({ ...issue, ...where }, issue, `issue at ${JSON.stringify(issue)}`);
  assert.match(issue.message, message);
}
