import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Backoff, parseRetryAfter } from '../src/transport/backoff';

describe('Backoff', () => {
  test('doubles up to the cap, with jitter between half and the full delay', () => {
    const low = new Backoff({ initialMs: 100, maxMs: 1000, maxRetryAfterMs: 60_000, random: () => 0 });
    const high = new Backoff({ initialMs: 100, maxMs: 1000, maxRetryAfterMs: 60_000, random: () => 0.999999 });
    assert.deepEqual(
      Array.from({ length: 6 }, () => low.next()),
      [50, 100, 200, 400, 500, 500],
    );
    assert.deepEqual(
      Array.from({ length: 6 }, () => high.next()),
      [100, 200, 400, 800, 1000, 1000],
    );
    low.reset();
    assert.equal(low.next(), 50);
  });

  test('waits at least Retry-After, but not beyond its own bound', () => {
    const b = new Backoff({ initialMs: 100, maxMs: 1000, maxRetryAfterMs: 10_000, random: () => 0.5 });
    assert.equal(b.next(3000), 3000 + 150);
    assert.equal(b.next(3_600_000), 10_000 + 500);
  });

  test('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    assert.equal(parseRetryAfter('2', now), 2000);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
  });
});
