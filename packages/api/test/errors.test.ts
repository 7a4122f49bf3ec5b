import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { AppError, ERROR_CODES, HTTP_STATUS } from '@kubetrail/contracts';
import { errorMessage, toTrpcError } from '../src/errors';

test('every AppError code maps to the tRPC code with the same HTTP status, keeping the message', () => {
  for (const code of ERROR_CODES) {
    const mapped = toTrpcError(new AppError(code, `it was ${code}`));
    assert.equal(getHTTPStatusCodeFromError(mapped), HTTP_STATUS[code], code);
    assert.equal(mapped.message, `it was ${code}`);
  }
  assert.equal(toTrpcError(new AppError('QUERY_TIMEOUT', 'cancelled')).code, 'UNPROCESSABLE_CONTENT');
});

test('a bug answers a generic message, an AppError its own', () => {
  const bug = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'relation "x" does not exist', cause: new Error('relation "x"') });
  assert.equal(errorMessage(bug, bug.message), 'internal error');
  const internal = toTrpcError(new AppError('INTERNAL', 'the event store is being migrated'));
  assert.equal(errorMessage(internal, internal.message), 'the event store is being migrated');
});
