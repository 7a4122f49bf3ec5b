import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedFields } from '../src/features/audit-trail/changed-fields';

test('an update lists only the fields that changed, old and new', () => {
  assert.deepEqual(changedFields({ name: 'a', type: 'managed' }, { name: 'b', type: 'managed' }), [
    { field: 'name', before: 'a', after: 'b' },
  ]);
  assert.deepEqual(changedFields({ auditEnabled: true }, { auditEnabled: false }), [
    { field: 'auditEnabled', before: 'true', after: 'false' },
  ]);
});

test('a creation lists the new values, a removal the old ones', () => {
  assert.deepEqual(changedFields(null, { email: 'x@example.com', role: 'viewer' }), [
    { field: 'email', after: 'x@example.com' },
    { field: 'role', after: 'viewer' },
  ]);
  assert.deepEqual(changedFields({ tokenId: 't-1' }, null), [{ field: 'tokenId', before: 't-1' }]);
  assert.deepEqual(changedFields(null, null), []);
});

test('nested values are shown as JSON, scalars under "value"', () => {
  assert.deepEqual(changedFields(null, { revoked: { tokenId: 't-1' } }), [{ field: 'revoked', after: '{"tokenId":"t-1"}' }]);
  assert.deepEqual(changedFields('a', 'b'), [{ field: 'value', before: 'a', after: 'b' }]);
});
