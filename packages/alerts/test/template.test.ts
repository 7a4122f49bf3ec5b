import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TEMPLATE, renderTemplate, templateFields } from '../src/index';

const context = {
  rule: 'exec',
  severity: 'high',
  status: 'firing',
  from: new Date('2026-12-01T12:00:00Z'),
  to: new Date('2026-12-01T12:05:00Z'),
  rows: [{ user: 'alice', 'Source IP address': '203.0.113.9', count: 7, obj: { a: 1 } }],
  group: { user: 'alice' },
};

test("a template takes the result's columns and the rule's fields", () => {
  assert.equal(
    renderTemplate('{{user}} from {{ Source IP address }} ({{ obj }}) {{ missing }}!', context),
    'alice from 203.0.113.9 ({"a":1}) !',
  );
  assert.equal(
    renderTemplate('{{ count }} {{ rule }} {{ group }}', context),
    '7 exec user=alice',
    "the result's count wins over the row count",
  );
  assert.equal(
    renderTemplate(DEFAULT_TEMPLATE, { ...context, rows: [{}, {}] }),
    '[high] exec: 2 matching row(s) between 2026-12-01T12:00:00.000Z and 2026-12-01T12:05:00.000Z',
  );
  assert.deepEqual(templateFields('{{ a }} {{b}} {{ a }} {{ 源地址 }}'), ['a', 'b', '源地址']);
});

test('a huge value is cut, and template syntax inside values is not expanded again', () => {
  const out = renderTemplate('{{ v }}', { ...context, rows: [{ v: `${'x'.repeat(2000)}` }] });
  assert.equal(out.length, 501);
  assert.equal(renderTemplate('{{ v }}', { ...context, rows: [{ v: '{{ rule }}' }] }), '{{ rule }}');
});
