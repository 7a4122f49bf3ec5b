import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyUser } from '../src/index';

test('classifies the kinds of requester a security team sorts by', () => {
  assert.equal(classifyUser({}), 'anonymous');
  assert.equal(classifyUser({ username: 'system:anonymous', groups: ['system:unauthenticated'] }), 'anonymous');
  assert.equal(classifyUser({ username: 'system:serviceaccount:kube-system:deployment-controller' }), 'service-account');
  assert.equal(classifyUser({ username: 'system:node:ip-10-0-1-7', groups: ['system:nodes', 'system:authenticated'] }), 'node');
  assert.equal(classifyUser({ username: 'system:kube-controller-manager' }), 'control-plane');
  assert.equal(classifyUser({ username: 'system:apiserver', groups: ['system:masters'] }), 'control-plane');
  assert.equal(classifyUser({ username: 'kubernetes-admin', groups: ['system:masters'] }), 'human');
  assert.equal(classifyUser({ username: 'alice@example.com', groups: ['devs'] }), 'human');
});
