import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditEventSchema } from '@kubetrail/contracts';
import { DETECTION_FIXTURES, FIXTURE_START, shiftEvents } from '../src/fixtures/index';
import { DETECTIONS } from '../src/index';

test('every detection has a positive and a negative fixture, and every fixture a detection', () => {
  assert.deepEqual(Object.keys(DETECTION_FIXTURES).sort(), DETECTIONS.map((d) => d.id).sort());
  for (const [id, f] of Object.entries(DETECTION_FIXTURES)) {
    assert.ok(f.positive.length > 0, `${id}: positive`);
    assert.ok(f.negative.length > 0, `${id}: negative`);
    assert.ok(f.nearMiss.length > 0, `${id}: what the negative changes`);
  }
});

test('fixture events are complete audit events, each stage of a request once across all fixtures', () => {
  const seen = new Set<string>();
  for (const [id, f] of Object.entries(DETECTION_FIXTURES)) {
    for (const event of [...f.positive, ...f.negative]) {
      const parsed = AuditEventSchema.safeParse(event);
      assert.ok(parsed.success, `${id}: ${parsed.error?.message}`);
      const key = `${event.auditID}/${event.stage}`;
      assert.ok(!seen.has(key), `${id}: ${key} is used twice`);
      seen.add(key);
    }
  }
});

test("a fixture's events fall within its detection's window from the fixture start", () => {
  for (const d of DETECTIONS) {
    const f = DETECTION_FIXTURES[d.id]!;
    for (const e of [...f.positive, ...f.negative]) {
      const offset = Date.parse(e.stageTimestamp) - FIXTURE_START.getTime();
      assert.ok(offset >= 0 && offset < d.windowMinutes * 60_000, `${d.id}: ${e.stageTimestamp}`);
      assert.ok(e.requestReceivedTimestamp <= e.stageTimestamp, `${d.id}: received before its stage`);
    }
  }
});

test('shiftEvents moves both timestamps and keeps microseconds', () => {
  const [e] = DETECTION_FIXTURES['exec-into-pod']!.positive;
  const [moved] = shiftEvents([e!], new Date(FIXTURE_START.getTime() + 3_600_000));
  assert.equal(Date.parse(moved!.stageTimestamp) - Date.parse(e!.stageTimestamp), 3_600_000);
  assert.equal(Date.parse(moved!.requestReceivedTimestamp) - Date.parse(e!.requestReceivedTimestamp), 3_600_000);
  assert.match(moved!.stageTimestamp, /\.\d{6}Z$/);
  assert.equal(moved!.auditID, e!.auditID);
});
