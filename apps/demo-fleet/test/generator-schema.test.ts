import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditEventSchema, type AuditEvent } from '@kubetrail/contracts';
import { generateEvents, PROFILE_NAMES } from '../src/generator/index';
import { DAY_END, DAY_START } from './helpers';

const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

for (const profile of PROFILE_NAMES) {
  test(`${profile}: a day of events is valid, sized and ordered`, () => {
    const events = generateEvents({ profile, seed: 42, count: 5000, start: DAY_START, end: DAY_END });
    assert.equal(events.length, 5000);

    let bytes = 0;
    let previous = '';
    for (const event of events) {
      const parsed = AuditEventSchema.safeParse(event);
      assert.ok(parsed.success, `invalid event ${JSON.stringify(event)}: ${parsed.success ? '' : parsed.error.message}`);
      assert.equal(event.apiVersion, 'audit.k8s.io/v1');
      assert.equal(event.kind, 'Event');
      assert.match(event.requestReceivedTimestamp, MICRO_TIME);
      assert.match(event.stageTimestamp, MICRO_TIME);
      assert.ok(event.stageTimestamp >= event.requestReceivedTimestamp, 'a stage cannot precede receipt');
      assert.ok(event.stageTimestamp >= previous, 'sorted by stageTimestamp');
      assert.ok(event.stageTimestamp >= DAY_START.toISOString().slice(0, 19) && event.stageTimestamp <= '2026-11-24T00:00:00.000000Z');
      previous = event.stageTimestamp;
      bytes += JSON.stringify(event).length;
    }
    const average = bytes / events.length;
    assert.ok(average >= 500 && average <= 2048, `average event size ${average.toFixed(0)} B`);
  });
}

test('stages of one request share the request fields and come in order', () => {
  const events = generateEvents({ profile: 'managed', seed: 3, count: 3000, start: DAY_START, end: DAY_END });
  const byId = new Map<string, AuditEvent[]>();
  for (const event of events) byId.set(event.auditID, [...(byId.get(event.auditID) ?? []), event]);
  const order = ['RequestReceived', 'ResponseStarted', 'ResponseComplete'];
  for (const [id, stages] of byId) {
    assert.ok(stages.length >= 1 && stages.length <= 3, `${id} has ${stages.length} stages`);
    const first = stages[0] as AuditEvent;
    for (const stage of stages) {
      assert.equal(stage.requestURI, first.requestURI);
      assert.equal(stage.verb, first.verb);
      assert.equal(stage.requestReceivedTimestamp, first.requestReceivedTimestamp);
    }
    const indices = stages.map((s) => order.indexOf(s.stage));
    assert.deepEqual(
      indices,
      [...indices].sort((a, b) => a - b),
    );
  }
});
