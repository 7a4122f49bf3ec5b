import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser } from '@kubetrail/core';
import { queryFixture, type QueryFixture } from '../../core/test/query/query-fixture';
import { createApiContext, createCaller } from '../src/index';

let f: QueryFixture;
let analyst: ReturnType<typeof createCaller>;

before(async () => {
  f = await queryFixture();
  const user = await createUser(f.deps, {
    email: 'ana@example.com',
    password: 'correct horse battery',
    project: f.project,
    role: 'analyst',
  });
  analyst = createCaller(createApiContext(f.deps, user.id, { ip: '198.51.100.7' }));
});
after(() => f?.close());

// Sorted: three writes may share a millisecond, so their times do not order them.
const trail = async () =>
  (await f.deps.db.consoleAuditRecord.findMany({ where: { projectId: f.project } })).map((r) => [r.action, r.actor, r.targetName]).sort();

test('saves that change something and deletes enter the console audit trail; a save that changes nothing does not', async () => {
  const projectId = f.project;
  const { savedQuery } = await analyst.savedQueries.save({ projectId, name: 'gets', query: 'verb: get' });
  await analyst.savedQueries.save({ projectId, name: 'gets', query: 'verb: get' });
  await analyst.savedQueries.save({ projectId, name: 'gets', query: 'verb: get', description: 'reads' });
  await analyst.savedQueries.delete({ projectId, savedQuery: savedQuery.id });
  assert.deepEqual(await trail(), [
    ['saved-query.create', 'ana@example.com', 'gets'],
    ['saved-query.delete', 'ana@example.com', 'gets'],
    ['saved-query.update', 'ana@example.com', 'gets'],
  ]);
});

test('a query that does not parse is refused as a bad request naming the query', async () => {
  await assert.rejects(analyst.savedQueries.save({ projectId: f.project, name: 'broken', query: 'verb: (' }), {
    code: 'BAD_REQUEST',
    message: /^query: /,
  });
});
