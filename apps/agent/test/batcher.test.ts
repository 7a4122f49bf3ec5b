import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Batcher, type BatchLimits } from '../src/batch/batcher';
import { makeEvent } from './helpers/fixtures';

const limits =
  (over: Partial<BatchLimits> = {}): (() => BatchLimits) =>
  () => ({ maxEvents: 3, maxBytes: 1_000_000, maxWaitMs: 1000, maxEventBytes: 100_000, ...over });

function fill(b: Batcher, ids: number[]) {
  const batches: string[][] = [];
  for (const id of ids) {
    const p = b.prepare(makeEvent(id));
    assert.equal(p.kind, 'ok');
    if (p.kind !== 'ok') continue;
    if (!b.fits(p)) batches.push(b.take().events);
    b.push(p);
    if (b.isFull()) batches.push(b.take().events);
  }
  return batches;
}

describe('Batcher', () => {
  test('closes a batch at the event count limit', () => {
    const b = new Batcher({ limits: limits() });
    const batches = fill(b, [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(
      batches.map((x) => x.length),
      [3, 3],
    );
    assert.equal(b.count, 1);
  });

  test('closes a batch before it would pass the byte limit', () => {
    const size = Buffer.byteLength(JSON.stringify(makeEvent(1)));
    const b = new Batcher({ limits: limits({ maxEvents: 100, maxBytes: size * 2 + 1 }) });
    const batches = fill(b, [1, 2, 3, 4, 5]);
    assert.deepEqual(
      batches.map((x) => x.length),
      [2, 2],
    );
  });

  test('is due once its first event waited maxWaitMs', () => {
    let now = 1000;
    const b = new Batcher({ limits: limits({ maxWaitMs: 500 }), now: () => now });
    assert.equal(b.isDue(), false, 'an empty batch is never due');
    fill(b, [1]);
    now += 499;
    assert.equal(b.isDue(), false);
    now += 1;
    assert.equal(b.isDue(), true);
  });

  test('the filter seam can drop and rewrite events', () => {
    const b = new Batcher({
      limits: limits(),
      filter: (e) => (e.verb === 'watch' ? null : { ...e, requestObject: undefined, level: 'Metadata' }),
    });
    assert.equal(b.prepare(makeEvent(1, { verb: 'watch' })).kind, 'filtered');
    const p = b.prepare(makeEvent(2, { level: 'Request', requestObject: { big: true } }));
    assert.equal(p.kind, 'ok');
    if (p.kind === 'ok') assert.deepEqual(JSON.parse(p.json).requestObject, undefined);
  });

  test('keeps events unchanged by default, field order included', () => {
    const b = new Batcher({ limits: limits() });
    const event = makeEvent(1);
    const p = b.prepare(event);
    assert.equal(p.kind === 'ok' && p.json, JSON.stringify(event));
  });

  test('sets aside events over maxEventBytes and values the platform cannot store', () => {
    const b = new Batcher({ limits: limits({ maxEventBytes: 2000 }) });
    const big = b.prepare(makeEvent(1, { annotations: { x: 'y'.repeat(3000) } }));
    assert.equal(big.kind, 'reject');
    assert.equal(big.kind === 'reject' && big.reason, 'event-too-large');
    const nul = b.prepare(makeEvent(2, { userAgent: 'a\u0000b' }));
    assert.equal(nul.kind === 'reject' && nul.reason, 'unstorable-value');
    assert.match(nul.kind === 'reject' ? nul.message : '', /userAgent/);
  });

  test('reports the oldest stageTimestamp of the pending events', () => {
    const b = new Batcher({ limits: limits({ maxEvents: 10 }) });
    for (const ts of ['2026-01-01T00:00:05Z', '2026-01-01T00:00:01.5+00:00', '2026-01-01T00:00:09Z']) {
      const p = b.prepare(makeEvent(ts, { stageTimestamp: ts }));
      if (p.kind === 'ok') b.push(p);
    }
    assert.equal(b.oldestStageTimestamp(), '2026-01-01T00:00:01.5+00:00');
    assert.equal(b.take().oldestStageTimestamp, '2026-01-01T00:00:01.5+00:00');
    assert.equal(b.oldestStageTimestamp(), null);
  });
});
