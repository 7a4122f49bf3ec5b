import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEvent } from '@kubetrail/contracts';
import { createClusterSimulator } from '../src/generator/index';
import { FleetRunner } from '../src/runner/fleet-runner';

function collect() {
  const written: AuditEvent[] = [];
  return { written, sink: { write: (events: AuditEvent[]) => void written.push(...events) } };
}

test('paces requests to the rate and writes events in time order once due', () => {
  const { written, sink } = collect();
  const start = Date.UTC(2026, 10, 23, 14);
  const simulator = createClusterSimulator({ profile: 'managed', seed: 3, clusterName: 'prod-eu' });
  const runner = new FleetRunner({ simulator, sink, ratePerSecond: 5, seed: 3, startMs: start });
  for (let t = start; t <= start + 600_000; t += 250) runner.advance(t);
  runner.drain(start + 600_000);

  // 5/s scaled by the afternoon peak (1.375) over ten minutes, less the sessions still open at the end.
  assert.ok(written.length > 3000 && written.length < 5000, `wrote ${written.length}`);
  assert.equal(runner.eventsWritten, written.length);
  let outOfOrder = 0;
  for (let i = 1; i < written.length; i++)
    if ((written[i] as AuditEvent).stageTimestamp < (written[i - 1] as AuditEvent).stageTimestamp) outOfOrder++;
  assert.equal(outOfOrder, 0);
  const last = written[written.length - 1] as AuditEvent;
  assert.ok(last.stageTimestamp <= new Date(start + 600_000).toISOString().replace('Z', '999Z'));
  assert.ok(runner.eventsPending > 0, 'open watches wait for their completion time');
});

test('advancing in one step or many gives the same output', () => {
  const run = (step: number) => {
    const { written, sink } = collect();
    const start = Date.UTC(2026, 10, 23, 9);
    const simulator = createClusterSimulator({ profile: 'dedicated', seed: 8, clusterName: 'payments' });
    const runner = new FleetRunner({ simulator, sink, ratePerSecond: 20, seed: 8, startMs: start });
    for (let t = start + step; t <= start + 60_000; t += step) runner.advance(t);
    runner.drain(start + 60_000);
    return written;
  };
  assert.deepEqual(run(60_000), run(500));
});

test('rejects a non-positive rate', () => {
  const simulator = createClusterSimulator({ profile: 'managed', seed: 1 });
  assert.throws(() => new FleetRunner({ simulator, sink: { write: () => undefined }, ratePerSecond: 0, seed: 1, startMs: 0 }), RangeError);
});
