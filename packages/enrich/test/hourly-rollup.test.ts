import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEventColumns, HourlyRollup, utcHour } from '../src/index';
import type { AuditEvent } from '@kubetrail/contracts';

describe('utcHour', () => {
  const cases: Array<[string, string]> = [
    ['2026-11-23T10:15:00Z', '2026-11-23T10:00:00.000Z'],
    ['2026-11-23T10:59:59.999999Z', '2026-11-23T10:00:00.000Z'],
    // Beyond microseconds PostgreSQL rounds, carrying into the next hour (and day).
    ['2026-11-23T10:59:59.9999996Z', '2026-11-23T11:00:00.000Z'],
    ['2026-11-23T23:59:59.9999999Z', '2026-11-24T00:00:00.000Z'],
    ['2026-11-23T10:59:59.9999994Z', '2026-11-23T10:00:00.000Z'],
    ['2026-11-23T12:30:00.123456789+08:00', '2026-11-23T04:00:00.000Z'],
    ['2026-11-23T10:00:00.000000Z', '2026-11-23T10:00:00.000Z'],
  ];
  for (const [input, hour] of cases) test(`${input} → ${hour}`, () => assert.equal(utcHour(input), hour));

  test('a text that is not a timestamp is refused', () => assert.throws(() => utcHour('yesterday'), /not a timestamp/));
});

describe('HourlyRollup', () => {
  const event = (over: Partial<AuditEvent>): AuditEvent =>
    ({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: 'x',
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/a/pods',
      verb: 'list',
      user: { username: 'alice' },
      objectRef: { resource: 'pods', namespace: 'a', apiVersion: 'v1' },
      responseStatus: { code: 200 },
      requestReceivedTimestamp: '2026-11-23T10:00:01Z',
      stageTimestamp: '2026-11-23T10:00:01Z',
      ...over,
    }) as AuditEvent;

  test('counts events per hour and dimensions, in key order', () => {
    const rollup = new HourlyRollup();
    for (const e of [
      event({}),
      event({ stageTimestamp: '2026-11-23T10:30:00Z' }),
      event({ verb: 'delete' }),
      event({ stageTimestamp: '2026-11-23T09:59:00Z' }),
      event({ responseStatus: { code: 403 } }),
    ])
      rollup.add(extractEventColumns(e));
    const rows = rollup.rows();
    assert.deepEqual(
      rows.map((r) => [r[0], r[1], r[8], r.at(-1)]),
      [
        ['2026-11-23T09:00:00.000Z', 'list', 200, 1],
        ['2026-11-23T10:00:00.000Z', 'delete', 200, 1],
        ['2026-11-23T10:00:00.000Z', 'list', 200, 2],
        ['2026-11-23T10:00:00.000Z', 'list', 403, 1],
      ],
    );
    assert.equal(
      rows.reduce((n, r) => n + (r.at(-1) as number), 0),
      5,
    );
  });
});
