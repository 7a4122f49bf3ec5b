import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRetryable, retryDelayMs, type DeliveryResult } from '../src/index';

test('retry delays double from about a second, jittered, and stop growing at five minutes', () => {
  const samples = (attempt: number) => Array.from({ length: 200 }, () => retryDelayMs(attempt));
  let previousMax = 0;
  for (let attempt = 1; attempt <= 9; attempt++) {
    const delays = samples(attempt);
    const nominal = 1_000 * 2 ** (attempt - 1);
    assert.ok(Math.min(...delays) >= nominal * 0.75 && Math.max(...delays) <= nominal, `attempt ${attempt}`);
    assert.ok(Math.min(...delays) > previousMax, `attempt ${attempt} waits longer than attempt ${attempt - 1}`);
    assert.ok(new Set(delays).size > 1, 'jittered');
    previousMax = Math.max(...delays);
  }
  for (const attempt of [10, 20, 100, 10_000]) {
    const delays = samples(attempt);
    assert.ok(Math.max(...delays) <= 300_000 && Math.min(...delays) >= 225_000, `attempt ${attempt}`);
  }
});

test('what is worth retrying', () => {
  const table: [Omit<DeliveryResult, 'durationMs'>, boolean][] = [
    [{ ok: true, responseCode: 200 }, false],
    [{ ok: false, error: 'connect ECONNREFUSED 1.2.3.4:443' }, true],
    [{ ok: false, error: 'timed out after 10000 ms' }, true],
    [{ ok: false, responseCode: 500 }, true],
    [{ ok: false, responseCode: 502 }, true],
    [{ ok: false, responseCode: 503 }, true],
    [{ ok: false, responseCode: 408 }, true],
    [{ ok: false, responseCode: 429 }, true],
    [{ ok: false, responseCode: 400 }, false],
    [{ ok: false, responseCode: 401 }, false],
    [{ ok: false, responseCode: 403 }, false],
    [{ ok: false, responseCode: 404 }, false],
    [{ ok: false, responseCode: 410 }, false],
    [{ ok: false, refused: true, error: 'refused: 10.0.0.5 is a private address' }, false],
    [{ ok: false, refused: true, responseCode: 503 }, false],
    [{ ok: false, responseCode: 302, retryable: false }, false],
    [{ ok: false, responseCode: 550, retryable: false }, false],
    [{ ok: false, responseCode: 451, retryable: true }, true],
  ];
  for (const [result, retryable] of table) assert.equal(isRetryable({ ...result, durationMs: 1 }), retryable, JSON.stringify(result));
});
