import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditEventSchema, TimestampSchema, findUnstorableValue } from '../src/index';

test('timestamps: every field in range, as PostgreSQL will insist', () => {
  for (const ok of ['2026-11-23T17:39:32.123456Z', '2024-02-29T00:00:00Z', '2026-01-01T00:00:00.123456789+14:00', '0001-01-01T00:00:00Z'])
    assert.ok(TimestampSchema.safeParse(ok).success, ok);
  for (const bad of [
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:59:60Z',
    '2026-01-01 00:00:00Z',
    '2026-01-01T00:00:00+25:00',
    'yesterday',
  ])
    assert.ok(!TimestampSchema.safeParse(bad).success, bad);
});

test('the sparse event of a failed authentication is valid; a status code beyond int32 is not', () => {
  const failedAuth = {
    level: 'Metadata',
    auditID: 'x',
    stage: 'ResponseStarted',
    requestURI: '/api',
    verb: 'get',
    user: {},
    sourceIPs: ['1.2.3.4'],
    responseStatus: { metadata: {}, status: 'Failure', message: 'Authentication failed', reason: 'Unauthorized', code: 401 },
    requestReceivedTimestamp: '2026-11-23T17:39:32.123456Z',
    stageTimestamp: '2026-11-23T17:39:32.123456Z',
  };
  assert.ok(AuditEventSchema.safeParse(failedAuth).success);
  assert.ok(!AuditEventSchema.safeParse({ ...failedAuth, responseStatus: { code: 2 ** 31 } }).success);
});

test('values jsonb or a double would alter are found, with their path', () => {
  assert.deepEqual(findUnstorableValue({ a: [{ b: 'x\u0000' }] })?.path, ['a', 0, 'b']);
  assert.match(findUnstorableValue({ n: 2 ** 60 })!.reason, /2\^53/);
  assert.equal(findUnstorableValue({ ok: ['fine', 1.5, -3, null, true, { deep: 'ü🚀' }] }), undefined);
  assert.ok(findUnstorableValue({ s: '\ud800' }));
  assert.ok(findUnstorableValue({ ['k\u0000']: 1 }));
});
