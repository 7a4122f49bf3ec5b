import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Sender } from '../src/send/sender';
import { SenderStateStore } from '../src/send/sender-state';
import { Spool } from '../src/spool/spool';
import { RejectStore } from '../src/state/reject-store';
import { IngestClient } from '../src/transport/ingest-client';
import { useFakeIngest } from './helpers/fake-ingest';
import { captureLog, makeEvent, tempDir, waitFor } from './helpers/fixtures';

const STREAM = 'node-1-abc';
const fake = useFakeIngest();
const temp = tempDir();
after(() => temp.cleanup());

let caseNo = 0;
async function setup(limits = { maxEvents: 1000, maxBytes: 4 * 1024 * 1024 }) {
  const dir = join(temp.dir, `sender-${caseNo++}`);
  const captured = captureLog();
  const spool = await Spool.open(join(dir, 'spool'), { streamId: STREAM, doneThrough: -1, minNextId: 0, log: captured.log });
  const stateStore = new SenderStateStore(dir);
  const rejects = new RejectStore(dir, captured.log);
  let auditDisabled = 0;
  const sender = new Sender({
    spool,
    stateStore,
    state: await stateStore.load(),
    client: new IngestClient({ server: fake.url, token: fake.token }),
    streamId: STREAM,
    rejects,
    log: captured.log,
    limits: () => limits,
    onAuditDisabled: () => auditDisabled++,
    backoff: { initialMs: 10, maxMs: 40, maxRetryAfterMs: 5000 },
  });
  const append = (ids: Array<string | number>) =>
    spool.append({ events: ids.map((id) => JSON.stringify(makeEvent(id))), oldestStageTimestamp: null, position: null });
  return { dir, spool, sender, stateStore, rejects, captured, append, auditDisabled: () => auditDisabled };
}

const ids = (events: Array<{ auditID: string }>) => events.map((e) => e.auditID);

describe('Sender', () => {
  test('sends spool records strictly in order with consecutive seqs, one at a time', async () => {
    const s = await setup();
    for (let r = 0; r < 5; r++) await s.append([`${r}a`, `${r}b`, `${r}c`]);
    let inFlight = 0;
    let maxInFlight = 0;
    fake.respond = () => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      setTimeout(() => inFlight--, 0);
      return undefined;
    };
    s.sender.start();
    await waitFor(() => s.spool.count === 0, 10_000, 'spool drained');
    await s.sender.stop(1000);
    assert.deepEqual(
      fake.pushes.map((p) => p.seq),
      [0, 1, 2, 3, 4],
    );
    assert.deepEqual(
      fake.storedAuditIds(),
      [0, 1, 2, 3, 4].flatMap((r) => [`ev-${r}a`, `ev-${r}b`, `ev-${r}c`]),
    );
    assert.equal(maxInFlight, 1);
    const state = await s.stateStore.load();
    assert.equal(state.lastAckedSeq, 4);
    assert.equal(state.inFlight, null);
    assert.deepEqual(readdirSync(join(s.dir, 'spool')), [], 'acked records are deleted');
    assert.ok(s.captured.lines.some((l) => l.msg === 'batch acked' && l.seq === 4));
  });

  test('honours Retry-After on 503 and resends the same seq and events', async () => {
    const s = await setup();
    await s.append([1, 2]);
    fake.respond = (_push, attempt) => (attempt === 0 ? { status: 503, appCode: 'OVERLOADED', retryAfter: '1' } : undefined);
    s.sender.start();
    await waitFor(() => fake.stored.size === 1, 10_000, 'batch stored');
    await s.sender.stop(1000);
    const [first, second] = fake.pushes;
    assert.equal(first?.status, 503);
    assert.equal(second?.status, 200);
    assert.equal(second.seq, first.seq);
    assert.deepEqual(ids(second.events), ids(first.events));
    assert.ok(second.at - first.at >= 1000, `waited ${second.at - first.at} ms, Retry-After said 1 s`);
  });

  test("a 429 for the cluster's ingest quota waits its Retry-After and resends the same seq, which stays unburnt", async () => {
    const s = await setup();
    await s.append([1, 2, 3]);
    fake.respond = (_push, attempt) => (attempt === 0 ? { status: 429, appCode: 'RATE_LIMITED', retryAfter: '2' } : undefined);
    s.sender.start();
    await waitFor(() => fake.stored.size === 1, 10_000, 'batch stored');
    await s.sender.stop(1000);
    const [first, second] = fake.pushes;
    assert.ok(first && second, 'two pushes');
    assert.deepEqual([first.status, second.status], [429, 200]);
    assert.equal(second.seq, first.seq);
    assert.deepEqual(ids(second.events), ids(first.events));
    assert.ok(second.at - first.at >= 2000, `waited ${second.at - first.at} ms, Retry-After said 2 s`);
    assert.deepEqual(fake.storedSeqs(), [0]);
    assert.ok(s.captured.lines.some((l) => String(l.msg).startsWith('push rate-limited') && Number(l.retryInMs) >= 2000));
  });

  test('retries with backoff on 401 and on a dropped connection, keeping the batch', async () => {
    const s = await setup();
    await s.append([1]);
    fake.respond = (_p, attempt) =>
      attempt === 0 ? { status: 401 } : attempt === 1 ? { status: 0, hangUp: true } : attempt === 2 ? { status: 500 } : undefined;
    s.sender.start();
    await waitFor(() => fake.stored.size === 1, 10_000, 'batch stored');
    await s.sender.stop(1000);
    assert.deepEqual(
      fake.pushes.map((p) => p.status),
      [401, 0, 500, 200],
    );
    assert.deepEqual(new Set(fake.pushes.map((p) => p.seq)), new Set([0]));
    assert.ok(s.captured.lines.some((l) => l.level === 'error' && String(l.msg).includes('401')));
  });

  test('drops a batch refused with AUDIT_DISABLED and gives its unused seq to the next batch', async () => {
    const s = await setup();
    await s.append(['a1', 'a2']);
    await s.append(['b1']);
    fake.respond = (push) => (push.events.some((e) => e.auditID === 'ev-a1') ? { status: 403, appCode: 'AUDIT_DISABLED' } : undefined);
    s.sender.start();
    await waitFor(() => s.spool.count === 0, 10_000, 'spool drained');
    await s.sender.stop(1000);
    assert.equal(s.auditDisabled(), 1);
    assert.deepEqual(fake.storedAuditIds(), ['ev-b1']);
    assert.deepEqual(fake.storedSeqs(), [0], 'the refused seq 0 was never stored, so it is reused');
    assert.ok(s.captured.lines.some((l) => l.msg === 'batch dropped: auditing is disabled for this cluster' && l.dropped === 2));
  });

  test('burns the seq when a batch dropped for AUDIT_DISABLED may have been stored by an earlier try', async () => {
    const s = await setup();
    await s.append(['a1']);
    await s.append(['b1']);
    fake.respond = (push, attempt) =>
      push.events[0]?.auditID === 'ev-a1' ? (attempt === 0 ? { status: 502 } : { status: 403, appCode: 'AUDIT_DISABLED' }) : undefined;
    s.sender.start();
    await waitFor(() => s.spool.count === 0, 10_000, 'spool drained');
    await s.sender.stop(1000);
    assert.deepEqual(fake.storedSeqs(), [1]);
  });

  test('splits a batch refused with 413 until it fits, storing every event once and in order', async () => {
    const s = await setup();
    await s.append([1, 2, 3, 4, 5, 6, 7]);
    fake.respond = (push) => (push.events.length > 2 ? { status: 413, appCode: 'PAYLOAD_TOO_LARGE' } : undefined);
    s.sender.start();
    await waitFor(() => s.spool.count === 0, 10_000, 'spool drained');
    await s.sender.stop(1000);
    assert.deepEqual(
      fake.storedAuditIds(),
      [1, 2, 3, 4, 5, 6, 7].map((i) => `ev-${i}`),
    );
    const seqs = fake.storedSeqs();
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i),
      'seqs stay consecutive',
    );
    assert.deepEqual(
      fake.pushes.slice(0, 3).map((p) => [p.seq, p.events.length, p.status]),
      [
        [0, 7, 413],
        [0, 4, 413],
        [0, 2, 200],
      ],
    );
  });

  test('moves a single event the platform refuses (400) to rejected/ and sends the rest', async () => {
    const s = await setup();
    await s.append([1, 2, 'bad', 4]);
    fake.respond = (push) => (push.events.some((e) => e.auditID === 'ev-bad') ? { status: 400, appCode: 'INVALID_EVENT' } : undefined);
    s.sender.start();
    await waitFor(() => s.spool.count === 0, 10_000, 'spool drained');
    await s.sender.stop(1000);
    assert.deepEqual(fake.storedAuditIds(), ['ev-1', 'ev-2', 'ev-4']);
    assert.deepEqual(fake.storedSeqs(), [0, 1]);
    const rejected = readdirSync(join(s.dir, 'rejected'));
    assert.equal(rejected.length, 1);
    const item = JSON.parse(readFileSync(join(s.dir, 'rejected', rejected[0]!), 'utf8')) as { raw: string; details: { status: number } };
    assert.equal((JSON.parse(item.raw) as { auditID: string }).auditID, 'ev-bad');
    assert.equal(item.details.status, 400);
  });

  test('sends a record bigger than the current limits in slices', async () => {
    const s = await setup({ maxEvents: 2, maxBytes: 4 * 1024 * 1024 });
    await s.append([1, 2, 3, 4, 5]);
    s.sender.start();
    await waitFor(() => s.spool.count === 0, 10_000, 'spool drained');
    await s.sender.stop(1000);
    assert.deepEqual(
      fake.pushes.map((p) => p.events.length),
      [2, 2, 1],
    );
    assert.deepEqual(fake.storedSeqs(), [0, 1, 2]);
  });
});
