import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, deleteSavedQuery, listSavedQueries, saveQuery } from '../../src/index';
import { queryFixture, type QueryFixture } from './query-fixture';

let f: QueryFixture;
let userId: string;

before(async () => {
  f = await queryFixture();
  userId = (await createUser(f.deps, { email: 'ana@example.com', password: 'correct horse battery', project: f.project, role: 'analyst' }))
    .id;
});
after(() => f?.close());

const refusedWith = (field: string, message: RegExp) => (e: Error & { code?: string; details?: { field?: string } }) =>
  e.code === 'BAD_REQUEST' && e.details?.field === field && message.test(e.message);

test('a query is saved under its name, and saving the same name again updates it in place', async () => {
  const first = await saveQuery(f.deps, f.project, userId, { name: 'deleted secrets', query: 'verb: delete' });
  assert.deepEqual([first.created, first.changed], [true, true]);
  assert.match(first.savedQuery.id, /^sq-/);
  assert.equal(first.savedQuery.createdBy, userId);
  assert.equal(first.savedQuery.description, '');

  const same = await saveQuery(f.deps, f.project, null, { name: 'deleted secrets', query: 'verb: delete' });
  assert.deepEqual([same.created, same.changed], [false, false], 'the same query again writes nothing');
  assert.deepEqual(same.savedQuery, first.savedQuery);

  const query = 'verb: delete and objectRef.resource: secrets';
  const updated = await saveQuery(f.deps, f.project, null, { name: 'deleted secrets', query, description: 'who removes secrets' });
  assert.deepEqual([updated.created, updated.changed], [false, true]);
  assert.equal(updated.savedQuery.id, first.savedQuery.id);
  assert.equal(updated.savedQuery.createdBy, userId, 'the first author stays');
  assert.deepEqual(
    (await listSavedQueries(f.deps, f.project)).map((q) => [q.name, q.query, q.description]),
    [['deleted secrets', query, 'who removes secrets']],
  );
});

test('a query that would not run is refused with the field and the parser’s words; bad names and unknown fields too', async () => {
  await assert.rejects(
    saveQuery(f.deps, f.project, null, { name: 'broken', query: 'verb: delete and )' }),
    refusedWith('query', /^query: unexpected `\)` at column 18$/),
  );
  await assert.rejects(saveQuery(f.deps, f.project, null, { name: 'empty', query: '' }), refusedWith('query', /^query: /));
  await assert.rejects(saveQuery(f.deps, f.project, null, { name: '   ', query: '*' }), refusedWith('name', /^name: /));
  await assert.rejects(saveQuery(f.deps, f.project, null, { name: 'two\nlines', query: '*' }), refusedWith('name', /control characters/));
  await assert.rejects(saveQuery(f.deps, f.project, null, { name: 'x'.repeat(101), query: '*' }), refusedWith('name', /^name: /));
  await assert.rejects(
    saveQuery(f.deps, f.project, null, { name: 'extra', query: '*', owner: 'me' } as never),
    (e: Error & { code?: string }) => e.code === 'BAD_REQUEST',
  );
  assert.ok(!(await listSavedQueries(f.deps, f.project)).some((q) => ['broken', 'empty', 'extra'].includes(q.name)));
});

test("another project neither sees nor deletes this project's saved queries", async () => {
  const { savedQuery } = await saveQuery(f.deps, f.project, null, { name: 'ours', query: 'verb: get' });
  assert.deepEqual(await listSavedQueries(f.deps, f.otherProject), []);
  await assert.rejects(deleteSavedQuery(f.deps, f.otherProject, savedQuery.id), { code: 'NOT_FOUND' });
  await assert.rejects(deleteSavedQuery(f.deps, f.otherProject, 'ours'), { code: 'NOT_FOUND' });
  // The same name is another project's own.
  const theirs = await saveQuery(f.deps, f.otherProject, null, { name: 'ours', query: 'verb: list' });
  assert.equal(theirs.created, true);
  assert.equal((await listSavedQueries(f.deps, f.project)).find((q) => q.name === 'ours')?.query, 'verb: get');

  assert.deepEqual(await deleteSavedQuery(f.deps, f.project, 'ours'), savedQuery);
  await assert.rejects(deleteSavedQuery(f.deps, f.project, savedQuery.id), { code: 'NOT_FOUND' });
  assert.deepEqual(
    (await listSavedQueries(f.deps, f.otherProject)).map((q) => q.name),
    ['ours'],
  );
});

test('hostile names, queries and descriptions round-trip unchanged', async () => {
  const hostile = [
    { name: `it's "quoted" \`back\``, query: 'user.username: "o\'brien"', description: `'; DROP TABLE saved_queries; --` },
    {
      name: '<script>alert(1)</script>',
      query: 'objectRef.name: "<img src=x onerror=alert(1)>"',
      description: '<b>bold</b>\nand a second line',
    },
    { name: 'Λειτουργία 🔐 秘密 עברית', query: 'objectRef.namespace: "é-ü"', description: '💥 \u200b zero width' },
  ];
  for (const input of hostile) {
    const { savedQuery } = await saveQuery(f.deps, f.project, null, input);
    assert.deepEqual({ name: savedQuery.name, query: savedQuery.query, description: savedQuery.description }, input);
  }
  const listed = await listSavedQueries(f.deps, f.project);
  for (const input of hostile) {
    const found = listed.find((q) => q.name === input.name);
    assert.deepEqual({ name: found?.name, query: found?.query, description: found?.description }, input);
    assert.equal((await deleteSavedQuery(f.deps, f.project, input.name)).name, input.name);
  }
});
