import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findRawElements } from '../src/ingest/raw-event-spans';

const check = (body: string, key: string) => {
  const found = findRawElements(body, key);
  const parsed = (JSON.parse(body) as Record<string, unknown[]>)[key];
  assert.ok(found);
  assert.equal(found.spans.length, parsed!.length);
  found.spans.forEach((span, i) => assert.deepEqual(JSON.parse(span), parsed![i]));
  return found;
};

test('finds each element of the array, byte for byte', () => {
  const body = '{"streamId":"s","seq":3,"events":[{"a":1},{"b":[1,{"c":"}]"}]}, {"d":"x\\"y"} ]}';
  const found = check(body, 'events');
  assert.deepEqual(found.spans, ['{"a":1}', '{"b":[1,{"c":"}]"}]}', '{"d":"x\\"y"}']);
});

test('strings with escaped quotes, trailing backslashes, brackets and unicode', () => {
  const hostile = ['\\', '"', '\\"', '}{][', 'ünï©ødé 🚀', '\n\t', '\\\\"x'];
  const events = hostile.map((s, i) => ({ [s]: s, i, nested: { list: [s, { s }] } }));
  const body = JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: events }, null, 2);
  check(body, 'items');
});

test('whitespace, empty arrays, the key anywhere, duplicate keys keep the last', () => {
  check(' { "events" : [ ] } ', 'events');
  check('{"a":{"events":[1]},"events":[ {"x":true} , null, 3.5e2, "s" ]}', 'events');
  const dup = findRawElements('{"events":[{"first":1}],"events":[{"second":2}]}', 'events');
  assert.deepEqual(dup?.spans, ['{"second":2}']);
  assert.equal(findRawElements('[1,2]', 'events'), null);
  assert.equal(findRawElements('{"other":[1]}', 'events'), null);
});

test('flags numbers PostgreSQL numeric cannot hold, and only those', () => {
  assert.equal(findRawElements('{"events":[{"n":1.5e300},{"n":-0.000001},{"n":12345678901234567890}]}', 'events')?.unstorableNumberAt, -1);
  assert.equal(findRawElements('{"events":[{"n":1},{"n":1e-20000}]}', 'events')?.unstorableNumberAt, 1);
  assert.equal(findRawElements(`{"events":[{"n":${'9'.repeat(2000)}}]}`, 'events')?.unstorableNumberAt, 0);
  assert.equal(findRawElements('{"events":[{"s":"1e-20000"}]}', 'events')?.unstorableNumberAt, -1, 'inside strings it is text');
});
