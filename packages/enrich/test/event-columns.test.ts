import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEventColumns } from '../src/index';

const base = {
  level: 'Metadata' as const,
  auditID: 'a1',
  stage: 'ResponseComplete' as const,
  requestURI: '/api/v1/namespaces/prod/pods/web-1/exec?command=sh',
  verb: 'create',
  user: { username: 'alice@example.com', groups: ['devs', 'system:authenticated'] },
  sourceIPs: ['203.0.113.9', '10.0.0.1'],
  userAgent: 'kubectl/v1.30.2',
  objectRef: { resource: 'pods', namespace: 'prod', name: 'web-1', apiVersion: 'v1', subresource: 'exec' },
  responseStatus: { code: 101 },
  requestReceivedTimestamp: '2026-11-23T10:00:00.000001Z',
  stageTimestamp: '2026-11-23T10:00:01.500000Z',
  annotations: { 'authorization.k8s.io/decision': 'allow' },
};

test('lifts the filterable fields into columns', () => {
  const c = extractEventColumns(base);
  assert.equal(c.ts, base.stageTimestamp);
  assert.equal(c.userKind, 'human');
  assert.equal(c.subresource, 'exec');
  assert.equal(c.apiGroup, null, 'core group is stored as NULL, not ""');
  assert.equal(c.sourceIp, '203.0.113.9');
  assert.equal(c.statusCode, 101);
  assert.equal(c.decision, 'allow');
  assert.deepEqual(c.userGroups, ['devs', 'system:authenticated']);
});

test('tolerates the sparse events of failed authentications', () => {
  const c = extractEventColumns({
    ...base,
    user: {},
    objectRef: undefined,
    sourceIPs: ['not-an-ip'],
    annotations: undefined,
    responseStatus: undefined,
  });
  assert.equal(c.userKind, 'anonymous');
  assert.equal(c.username, null);
  assert.equal(c.sourceIp, null);
  assert.equal(c.resource, null);
  assert.equal(c.statusCode, null);
});

test('IPv6 zone ids, which inet refuses, are not lifted into the column', () => {
  assert.equal(extractEventColumns({ ...base, sourceIPs: ['fe80::1%eth0'] }).sourceIp, null);
  assert.equal(extractEventColumns({ ...base, sourceIPs: ['::ffff:10.0.0.1'] }).sourceIp, '::ffff:10.0.0.1');
});
