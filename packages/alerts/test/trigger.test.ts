import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnsReferenced, evaluateTrigger, parseTrigger, TriggerError, usesPrevious } from '../src/index';

const holds = (condition: string, row: Record<string, unknown>, previous?: Record<string, unknown>) =>
  evaluateTrigger(parseTrigger(condition), row, previous);

test("the seeds' conditions hold for any row, also when the query returns no such column", () => {
  assert.equal(holds('Event =~ ".*"', { user: 'alice' }), true);
  assert.equal(holds('Source IP address =~ ".*"', { 'Source IP address': '203.0.113.9' }), true);
  assert.equal(holds('操作事件 =~ ".*"', {}), true);
  assert.deepEqual(columnsReferenced(parseTrigger('Source IP address =~ ".*"')), ['Source IP address']);
});

test('patterns match the whole value, and !~ is their negation', () => {
  assert.equal(holds('user =~ "alice"', { user: 'alice@example.com' }), false);
  assert.equal(holds('user =~ "alice.*"', { user: 'alice@example.com' }), true);
  assert.equal(holds('user !~ "system:.*"', { user: 'alice' }), true);
  assert.equal(holds('ip =~ "10\\.\\d+\\..*"', { ip: '10.2.3.4' }), true);
});

test('comparisons: numbers as numbers, text as text, && before ||, parentheses and !', () => {
  const row = { n: 12, rate: '55.5', user: 'bob', 'Failure rate in percentage': 61 };
  assert.equal(holds('n >= 10 && rate > 50', row), true);
  assert.equal(holds('n > 12', row), false);
  assert.equal(holds('n == 12.0', row), true);
  assert.equal(holds('user == "bob"', row), true);
  assert.equal(holds('"n" < 3 || user == "bob" && n == 12', row), true);
  assert.equal(holds('(n < 3 || user == "bob") && n == 1', row), false);
  assert.equal(holds('!(user == "bob")', row), false);
  assert.equal(holds('Failure rate in percentage > 50', row), true);
  assert.equal(holds('user > 3', row), false, 'text is never ordered against a number');
  assert.equal(holds('missing != "x"', row), true);
});

test('previous.column reads the previous window', () => {
  const t = parseTrigger('n > previous.n');
  assert.equal(usesPrevious(t), true);
  assert.equal(usesPrevious(parseTrigger('n > 1')), false);
  assert.deepEqual(columnsReferenced(t), ['n']);
  assert.equal(evaluateTrigger(t, { n: 3 }, { n: 2 }), true);
  assert.equal(evaluateTrigger(t, { n: 2 }, { n: 2 }), false);
  assert.equal(evaluateTrigger(t, { n: 2 }, undefined), false, 'nothing to compare with');
});

test('bad conditions are refused at the position of the fault', () => {
  const fault = (source: string) => {
    try {
      parseTrigger(source);
    } catch (e) {
      assert.ok(e instanceof TriggerError, String(e));
      return [e.line, e.column, e.message];
    }
    assert.fail(`${source} parsed`);
  };
  assert.deepEqual(fault('n >= ').slice(0, 2), [1, 6]);
  assert.deepEqual(fault('n = 3').slice(0, 2), [1, 3]);
  assert.deepEqual(fault('user =~ "("').slice(0, 2), [1, 9]);
  assert.deepEqual(fault('n > 1 n < 2').slice(0, 2), [1, 9], 'a bare right side runs to the next operator');
  assert.deepEqual(fault('user == "x').slice(0, 2), [1, 9]);
  assert.deepEqual(fault('(n > 1\n && m < 2').slice(0, 2), [2, 10]);
  assert.match(String(fault('')[2]), /empty/);
  assert.match(String(fault('n =~ 5')[2]), /quoted regular expression/);
});
