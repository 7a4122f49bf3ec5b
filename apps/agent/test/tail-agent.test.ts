import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import { TailAgent, type TailOptions } from '../src/tail/tail-agent';
import { useFakeIngest } from './helpers/fake-ingest';
import { captureLog, eventLine, LumberjackWriter, makeEvent, tempDir, waitFor } from './helpers/fixtures';

const fake = useFakeIngest();
const temp = tempDir();
after(() => temp.cleanup());
const running = new Set<TailAgent>();
afterEach(async () => {
  for (const agent of running) await agent.stop(0).catch(() => {});
  running.clear();
});

async function startAgent(opts: TailOptions): Promise<TailAgent> {
  const agent = await TailAgent.start(opts);
  running.add(agent);
  const stop = agent.stop.bind(agent);
  agent.stop = async (drainMs?: number) => {
    running.delete(agent);
    await stop(drainMs);
  };
  return agent;
}

let caseNo = 0;
function paths() {
  const root = join(temp.dir, `tail-${caseNo++}`);
  mkdirSync(join(root, 'log'), { recursive: true });
  return { file: join(root, 'log', 'kubernetes.audit'), stateDir: join(root, 'state') };
}

function options(p: { file: string; stateDir: string }, extra: Partial<TailOptions> = {}) {
  const captured = captureLog();
  const opts: TailOptions = {
    file: p.file,
    stateDir: p.stateDir,
    server: fake.url,
    token: fake.token,
    kubernetesVersion: 'v1.31.2',
    batchMaxEvents: 1000,
    batchMaxBytes: 4 * 1024 * 1024,
    batchMaxWaitMs: 30,
    pollIntervalMs: 10,
    spoolMaxBytes: 1024 ** 3,
    drainTimeoutMs: 2000,
    logLevel: 'debug',
    log: captured.log,
    backoff: { initialMs: 10, maxMs: 50, maxRetryAfterMs: 2000 },
    ...extra,
  };
  return { opts, captured };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `ev-${from + i}`);

function assertConsecutive(seqs: number[], first = 0) {
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => first + i),
    `seqs ${seqs.join(',')} have a gap or a repeat`,
  );
}

describe('TailAgent', () => {
  test('ships every line once across rotation and a restart, skipping invalid lines', async () => {
    const p = paths();
    const writer = new LumberjackWriter(p.file);
    const first = options(p);
    const agent = await startAgent(first.opts);
    for (let i = 1; i <= 50; i++) {
      writer.write(eventLine(i));
      if (i === 20) writer.write('this is not json\n{"kind":"Event"}\n');
      if (i % 15 === 0) writer.rotate();
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 15));
    }
    await waitFor(() => fake.storedAuditIds().length === 50, 10_000, '50 events stored');
    writer.write(eventLine(51));
    await agent.stop();
    const invalid = first.captured.lines.filter((l) => l.msg === 'skipping invalid line');
    assert.equal(invalid.length, 2);
    assert.equal(typeof invalid[0]?.offset, 'number');

    writer.write(eventLine(52));
    writer.rotate();
    writer.write(eventLine(53));
    const second = options(p);
    const again = await startAgent(second.opts);
    await waitFor(() => fake.storedAuditIds().length === 53, 10_000, '53 events stored');
    await again.stop();
    assert.deepEqual(fake.storedAuditIds(), range(1, 53));
    assertConsecutive(fake.storedSeqs());
    assert.equal(fake.pushes.filter((x) => x.status === 200).length, fake.stored.size, 'no batch was sent twice');
  });

  test('after a crash between spool write and checkpoint, resends the spooled batch with its original seq and reads on after it', async () => {
    const p = paths();
    const lines = [1, 2, 3, 4, 5, 6].map((i) => eventLine(i));
    writeFileSync(p.file, lines.join(''));
    const offsetAfter = (n: number) => Buffer.byteLength(lines.slice(0, n).join(''));
    const st = statSync(p.file, { bigint: true });
    const head = readFileSync(p.file).subarray(0, 256);
    const identity = {
      dev: st.dev.toString(),
      ino: st.ino.toString(),
      fingerprint: createHash('sha256').update(head).digest('hex'),
      fingerprintLength: head.length,
      path: p.file,
      mtimeMs: Number(st.mtimeMs),
    };
    const stream = 'node-1-0123456789abcdef';
    mkdirSync(join(p.stateDir, 'spool'), { recursive: true });
    writeFileSync(join(p.stateDir, 'stream-id'), `${stream}\n`);
    // Record 0 was acked (seq 4); record 1 (events 3-4) was spooled and its first event sent as seq 5, then: kill -9.
    writeFileSync(
      join(p.stateDir, 'sender.json'),
      JSON.stringify({ version: 1, lastSeq: 4, lastAckedSeq: 4, doneThrough: 0, skip: 0, inFlight: { spoolId: 1, seq: 5, take: 1 } }),
    );
    const header = {
      version: 1,
      id: 1,
      streamId: stream,
      count: 2,
      oldestStageTimestamp: null,
      position: { ...identity, offset: offsetAfter(4) },
      createdAt: new Date().toISOString(),
    };
    writeFileSync(join(p.stateDir, 'spool', '000000000001.ndjson'), `${JSON.stringify(header)}\n${lines[2]}${lines[3]}`);
    writeFileSync(join(p.stateDir, 'spool', '.000000000002.ndjson.tmp'), '{"version":1,"id":2,"str');
    writeFileSync(
      join(p.stateDir, 'checkpoint.json'),
      JSON.stringify({ version: 1, position: { ...identity, offset: offsetAfter(2) }, spoolId: 0 }),
    );
    // The platform did store seq 5 before the crash: the resend must be recognised as a duplicate.
    fake.stored.set(`${stream}:5`, { streamId: stream, seq: 5, events: [makeEvent(3)], at: 0, status: 200 });

    const { opts, captured } = options(p);
    const agent = await startAgent(opts);
    await waitFor(() => fake.storedAuditIds().length >= 4, 10_000, 'events 3-6 stored');
    await agent.stop();

    const sent = fake.pushes.map((x) => [x.seq, x.events.map((e) => e.auditID)]);
    assert.deepEqual(sent[0], [5, ['ev-3']], 'the in-flight batch is resent first, with its original seq and events');
    assert.deepEqual(sent[1], [6, ['ev-4']]);
    assert.deepEqual(
      sent.slice(2).flatMap(([, ids]) => ids as string[]),
      ['ev-5', 'ev-6'],
    );
    assert.deepEqual(fake.storedAuditIds(), range(3, 6));
    assertConsecutive(fake.storedSeqs(), 5);
    assert.ok(!fake.pushes.some((x) => x.events.some((e) => e.auditID === 'ev-1' || e.auditID === 'ev-2')));
    assert.ok(captured.has('checkpoint is older than the spool (stopped between the two writes); resuming after the newest spooled batch'));
    assert.ok(!existsSync(join(p.stateDir, 'spool', '.000000000002.ndjson.tmp')), 'partial spool file removed');
    const checkpoint = JSON.parse(readFileSync(join(p.stateDir, 'checkpoint.json'), 'utf8')) as { position: { offset: number } };
    assert.equal(checkpoint.position.offset, statSync(p.file).size);
  });

  test('deletes a record that was acked just before a crash instead of sending it again', async () => {
    const p = paths();
    writeFileSync(p.file, '');
    mkdirSync(join(p.stateDir, 'spool'), { recursive: true });
    writeFileSync(
      join(p.stateDir, 'sender.json'),
      JSON.stringify({ version: 1, lastSeq: 0, lastAckedSeq: 0, doneThrough: 3, skip: 0, inFlight: null }),
    );
    const header = {
      version: 1,
      id: 3,
      streamId: 'x',
      count: 1,
      oldestStageTimestamp: null,
      position: null,
      createdAt: new Date().toISOString(),
    };
    writeFileSync(join(p.stateDir, 'spool', '000000000003.ndjson'), `${JSON.stringify(header)}\n${eventLine(1)}`);
    const { opts } = options(p);
    const agent = await startAgent(opts);
    writeFileSync(p.file, eventLine(2));
    await waitFor(() => fake.stored.size === 1, 10_000, 'new event stored');
    await agent.stop();
    assert.deepEqual(fake.storedAuditIds(), ['ev-2']);
    assert.deepEqual(fake.storedSeqs(), [1]);
  });

  test('keeps reading into the spool while the platform is down, pausing at the spool limit, then drains', async () => {
    const p = paths();
    const writer = new LumberjackWriter(p.file);
    let down = true;
    fake.respond = () => (down ? { status: 503, retryAfter: '0' } : undefined);
    const { opts, captured } = options(p, { spoolMaxBytes: 1 });
    const agent = await startAgent(opts);
    writer.write(eventLine(1));
    await waitFor(() => agent.core.spool.count === 1, 10_000, 'first batch spooled');
    writer.write(eventLine(2) + eventLine(3));
    await waitFor(() => captured.has('spool is full; reading paused until it drains'), 10_000, 'reading paused');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(agent.core.spool.count, 1, 'nothing more is read while the spool is full');
    down = false;
    await waitFor(() => fake.storedAuditIds().length === 3, 10_000, 'all stored');
    await agent.stop();
    assert.deepEqual(fake.storedAuditIds(), range(1, 3));
  });

  test('discards lines while auditing is disabled and resumes when it is enabled', async () => {
    const p = paths();
    const writer = new LumberjackWriter(p.file);
    fake.config = { ...fake.config, auditEnabled: false, configPollSeconds: 1 };
    const { opts, captured } = options(p);
    const agent = await startAgent(opts);
    await waitFor(() => !agent.core.poller.auditEnabled, 10_000, 'config fetched');
    writer.write(eventLine(1) + eventLine(2));
    const checkpointFile = join(p.stateDir, 'checkpoint.json');
    await waitFor(
      () => {
        if (!existsSync(checkpointFile)) return false;
        const c = JSON.parse(readFileSync(checkpointFile, 'utf8')) as { position: { offset: number } };
        return c.position.offset === statSync(p.file).size;
      },
      10_000,
      'checkpoint past the discarded lines',
    );
    fake.config = { ...fake.config, auditEnabled: true };
    await waitFor(() => agent.core.poller.auditEnabled, 10_000, 'enabled again');
    writer.write(eventLine(3));
    await waitFor(() => fake.stored.size === 1, 10_000, 'event 3 stored');
    await agent.stop();
    assert.deepEqual(fake.storedAuditIds(), ['ev-3']);
    assert.ok(captured.has('auditing is enabled for this cluster; sending resumes'));
  });

  test('sends heartbeats describing the stream', async () => {
    const p = paths();
    writeFileSync(p.file, eventLine(1));
    const { opts } = options(p);
    const agent = await startAgent(opts);
    await waitFor(() => fake.stored.size === 1 && fake.heartbeats.length > 0, 10_000, 'heartbeat and batch');
    const hb = fake.heartbeats[0]!;
    await agent.stop();
    assert.equal(hb.streamId, readFileSync(join(p.stateDir, 'stream-id'), 'utf8').trim());
    assert.equal(hb.mode, 'tail');
    assert.equal(hb.agentVersion, '0.1.0');
    assert.equal(hb.kubernetesVersion, 'v1.31.2');
    assert.ok(hb.lagSeconds >= 0);
    assert.deepEqual(readdirSync(join(p.stateDir)).sort(), ['checkpoint.json', 'config.json', 'sender.json', 'spool', 'stream-id']);
  });
});
