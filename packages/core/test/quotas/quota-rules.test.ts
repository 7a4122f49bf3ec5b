import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@kubetrail/contracts';
import {
  assertWithinQuota,
  DEFAULT_QUOTAS,
  MAX_QUOTA,
  mergeQuotas,
  rateLimited,
  validateQuotaScope,
  validateQuotaValue,
} from '../../src/index';

function thrown(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  return assert.fail('expected an AppError');
}

test('overrides win; a null override falls back to the default, never to unlimited', () => {
  const defaults = { ...DEFAULT_QUOTAS };
  assert.deepEqual(mergeQuotas(defaults), {
    projectsPerUser: { limit: 20, source: 'default' },
    clustersPerProject: { limit: 100, source: 'default' },
    alertRulesPerProject: { limit: 200, source: 'default' },
    ingestEventsPerSecond: { limit: 5000, source: 'default' },
  });
  const merged = mergeQuotas(defaults, { clustersPerProject: 7, alertRulesPerProject: null }, { ingestEventsPerSecond: 50 });
  assert.deepEqual(merged.clustersPerProject, { limit: 7, source: 'project' });
  assert.deepEqual(merged.alertRulesPerProject, { limit: 200, source: 'default' });
  assert.deepEqual(merged.ingestEventsPerSecond, { limit: 50, source: 'cluster' });
  assert.deepEqual(mergeQuotas(defaults, null, { ingestEventsPerSecond: null }).ingestEventsPerSecond, { limit: 5000, source: 'default' });
});

test('a quota is a whole number from 1; zero is refused, not read as unlimited', () => {
  for (const bad of [0, -1, 1.5, Number.NaN, MAX_QUOTA + 1]) {
    const error = thrown(() => validateQuotaValue('clustersPerProject', bad));
    assert.equal(error.code, 'BAD_REQUEST');
    assert.match(
      error.message,
      /^--clusters-per-project must be a whole number from 1 to 2147483647, not .* \(there is no unlimited quota/,
    );
  }
  validateQuotaValue('clustersPerProject', 1);
  validateQuotaValue('clustersPerProject', MAX_QUOTA);
});

test('each quota is settable only where it applies, and the refusal says where', () => {
  assert.equal(
    thrown(() => validateQuotaScope('projectsPerUser', 'project')).message,
    '--projects-per-user cannot be set per project; it is set as a default (no --project or --cluster)',
  );
  assert.equal(
    thrown(() => validateQuotaScope('ingestEventsPerSecond', 'project')).message,
    '--ingest-events-per-second cannot be set per project; it is set as a default (no --project or --cluster) or per cluster (--cluster)',
  );
  assert.equal(
    thrown(() => validateQuotaScope('clustersPerProject', 'cluster')).message,
    '--clusters-per-project cannot be set per cluster; it is set as a default (no --project or --cluster) or per project (--project)',
  );
  validateQuotaScope('alertRulesPerProject', 'project');
  validateQuotaScope('ingestEventsPerSecond', 'cluster');
});

test('the count below the limit passes; at or over it QUOTA_EXCEEDED names quota, limit and how to raise it', () => {
  assertWithinQuota({ quota: 'alertRulesPerProject', limit: 200, used: 199, holder: 'payments' });
  const atLimit = thrown(() => assertWithinQuota({ quota: 'alertRulesPerProject', limit: 200, used: 200, holder: 'payments' }));
  assert.equal(atLimit.code, 'QUOTA_EXCEEDED');
  assert.equal(
    atLimit.message,
    'project payments already has 200 alert rules (quota alert rules per project = 200); an operator can raise it with `kubetrail quota set --project payments --alert-rules-per-project N`',
  );
  assert.deepEqual(atLimit.details, { quota: 'alertRulesPerProject', limit: 200, used: 200 });
  // An operator may lower a quota below what exists: the message says how many there are.
  const lowered = thrown(() => assertWithinQuota({ quota: 'projectsPerUser', limit: 3, used: 5, holder: 'alice@example.com' }));
  assert.equal(
    lowered.message,
    'user alice@example.com already owns 5 projects (quota projects per user = 3); an operator can raise it with `kubetrail quota set --projects-per-user N`',
  );
});

test('a batch over its rate is RATE_LIMITED with the wait in its details', () => {
  const error = rateLimited({ clusterId: 'c-abc', eventsPerSecond: 10, events: 25, retryAfterSeconds: 3 });
  assert.equal(error.code, 'RATE_LIMITED');
  assert.equal(error.details?.retryAfterSeconds, 3);
  assert.match(
    error.message,
    /^cluster c-abc is over its ingest quota of 10 events\/s \(this batch: 25 events\); nothing was stored, retry after 3 s/,
  );
  assert.match(error.message, /`kubetrail quota set --cluster c-abc --ingest-events-per-second N`$/);
});
