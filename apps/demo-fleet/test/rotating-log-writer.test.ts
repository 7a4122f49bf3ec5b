import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AuditEvent } from '@kubetrail/contracts';
import { generateEvents } from '../src/generator/index';
import { backupName, backupLayout, listBackups } from '../src/log-writer/backup-files';
import { RotatingLogWriter } from '../src/log-writer/rotating-log-writer';
import { DAY_END, DAY_START } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'demo-fleet-writer-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirCount = 0;
const freshDir = () => join(root, `case-${dirCount++}`);

const EVENTS = generateEvents({ profile: 'managed', seed: 5, count: 3000, start: DAY_START, end: DAY_END });
const lineBytes = (e: AuditEvent) => Buffer.byteLength(`${JSON.stringify(e)}\n`);

/** Backups oldest first (their names sort by time), then the active file. */
function readAll(dir: string): { files: string[]; events: AuditEvent[] } {
  const backups = readdirSync(dir)
    .filter((n) => n !== 'kubernetes.audit')
    .sort();
  const files = [...backups, 'kubernetes.audit'];
  const events = files.flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEvent),
  );
  return { files, events };
}

function steppingClock(startIso: string, stepMs: number): () => Date {
  let t = Date.parse(startIso) - stepMs;
  return () => new Date((t += stepMs));
}

test('backup names follow lumberjack: <name>-<UTC 2006-01-02T15-04-05.000><ext>', () => {
  const layout = backupLayout('/var/log/kubernetes/kubernetes.audit');
  assert.equal(backupName(layout, Date.parse('2026-11-23T17:39:32.123Z')), 'kubernetes-2026-11-23T17-39-32.123.audit');
  const noExt = backupLayout('/logs/audit');
  assert.equal(backupName(noExt, Date.parse('2026-01-02T03:04:05.006Z')), 'audit-2026-01-02T03-04-05.006');
  const listed = listBackups(layout, [
    'kubernetes.audit',
    'kubernetes-2026-11-23T17-39-32.123.audit',
    'kubernetes-2026-11-23T17-39-33.000.audit.gz',
    'kubernetes-garbage.audit',
    'other-2026-11-23T17-39-32.123.audit',
  ]);
  assert.deepEqual(
    listed.map((b) => b.name),
    ['kubernetes-2026-11-23T17-39-33.000.audit.gz', 'kubernetes-2026-11-23T17-39-32.123.audit'],
  );
});

test('concatenating backups oldest first and the active file gives every event, in order', () => {
  const dir = freshDir();
  const writer = new RotatingLogWriter({
    path: join(dir, 'kubernetes.audit'),
    maxSizeBytes: 64 * 1024,
    maxBackups: 0,
    now: steppingClock('2026-11-23T17:39:32.123Z', 1000),
  });
  for (let i = 0; i < EVENTS.length;) {
    const size = 1 + ((i * 7919) % 97);
    writer.write(EVENTS.slice(i, i + size));
    i += size;
  }
  writer.close();
  const { files, events } = readAll(dir);
  assert.ok(files.length > 10, `expected many rotations, got ${files.length} files`);
  assert.equal(files[0], 'kubernetes-2026-11-23T17-39-32.123.audit');
  assert.equal(files[1], 'kubernetes-2026-11-23T17-39-33.123.audit');
  assert.deepEqual(events, EVENTS);
  for (const f of files) {
    assert.ok(statSync(join(dir, f)).size <= 64 * 1024, `${f} over the limit`);
    assert.ok(readFileSync(join(dir, f), 'utf8').endsWith('\n'), `${f} ends mid-line`);
  }
  assert.equal(writer.stats.rotations, files.length - 1);
});

test('a file rotates only when the next line would exceed the limit', () => {
  const dir = freshDir();
  const [a, b, c] = EVENTS as [AuditEvent, AuditEvent, AuditEvent];
  const writer = new RotatingLogWriter({
    path: join(dir, 'kubernetes.audit'),
    maxSizeBytes: lineBytes(a) + lineBytes(b),
    maxBackups: 5,
    now: steppingClock('2026-11-23T00:00:00Z', 10),
  });
  writer.write([a]);
  writer.write([b]);
  assert.equal(readdirSync(dir).length, 1, 'exactly full is not over');
  writer.write([c]);
  writer.close();
  const { files, events } = readAll(dir);
  assert.deepEqual(files, ['kubernetes-2026-11-23T00-00-00.000.audit', 'kubernetes.audit']);
  assert.deepEqual(events, [a, b, c]);
});

test('old backups beyond maxBackups are removed, oldest first', () => {
  const dir = freshDir();
  const writer = new RotatingLogWriter({
    path: join(dir, 'kubernetes.audit'),
    maxSizeBytes: 16 * 1024,
    maxBackups: 3,
    now: steppingClock('2026-11-23T10:00:00Z', 60_000),
  });
  const everything = EVENTS.slice(0, 600);
  for (const event of everything) writer.write([event]);
  writer.close();
  const { files, events } = readAll(dir);
  assert.equal(files.length, 4, `three backups and the active file: ${files.join(', ')}`);
  assert.ok(writer.stats.rotations > 3);
  // What is left is the newest, unbroken tail of what was written.
  assert.deepEqual(events, everything.slice(everything.length - events.length));
});

test('rotations within the same millisecond get distinct names', () => {
  const dir = freshDir();
  const frozen = () => new Date('2026-11-23T17:39:32.123Z');
  const writer = new RotatingLogWriter({ path: join(dir, 'kubernetes.audit'), maxSizeBytes: 4 * 1024, maxBackups: 0, now: frozen });
  const some = EVENTS.slice(0, 200);
  writer.write(some);
  writer.close();
  const { files, events } = readAll(dir);
  assert.ok(files.length > 5);
  assert.equal(files[0], 'kubernetes-2026-11-23T17-39-32.123.audit');
  assert.equal(files[1], 'kubernetes-2026-11-23T17-39-32.124.audit');
  assert.equal(new Set(files).size, files.length);
  assert.deepEqual(events, some);
});

test('an existing file is resumed, and rotated first if the next line does not fit', () => {
  const dir = freshDir();
  const path = join(dir, 'kubernetes.audit');
  const [a, b, c] = EVENTS as [AuditEvent, AuditEvent, AuditEvent];
  const first = new RotatingLogWriter({ path, maxSizeBytes: 1024 * 1024, maxBackups: 2 });
  first.write([a]);
  first.close();
  const second = new RotatingLogWriter({ path, maxSizeBytes: 1024 * 1024, maxBackups: 2 });
  second.write([b]);
  second.close();
  assert.deepEqual(readAll(dir).events, [a, b]);
  assert.equal(readdirSync(dir).length, 1);

  const third = new RotatingLogWriter({
    path,
    maxSizeBytes: lineBytes(a) + lineBytes(b) + 10,
    maxBackups: 2,
    now: () => new Date('2026-11-23T12:00:00Z'),
  });
  third.write([c]);
  third.close();
  const { files, events } = readAll(dir);
  assert.deepEqual(files, ['kubernetes-2026-11-23T12-00-00.000.audit', 'kubernetes.audit']);
  assert.deepEqual(events, [a, b, c]);
});

test('an event larger than the limit is refused, like lumberjack does', () => {
  const dir = freshDir();
  const writer = new RotatingLogWriter({ path: join(dir, 'kubernetes.audit'), maxSizeBytes: 100, maxBackups: 1 });
  assert.throws(() => writer.write(EVENTS.slice(0, 1)), /exceeds maximum file size/);
  writer.close();
  assert.throws(() => writer.write(EVENTS.slice(0, 1)), /closed/);
  assert.throws(() => new RotatingLogWriter({ path: join(dir, 'x'), maxSizeBytes: 0, maxBackups: 1 }), RangeError);
});

test('maxAgeDays removes backups older than the cutoff', () => {
  const dir = freshDir();
  const path = join(dir, 'kubernetes.audit');
  const writer = new RotatingLogWriter({
    path,
    maxSizeBytes: 4 * 1024,
    maxBackups: 0,
    maxAgeDays: 7,
    now: () => new Date('2026-11-23T00:00:00Z'),
  });
  writer.write(EVENTS.slice(0, 1));
  writeFileSync(join(dir, 'kubernetes-2026-11-01T00-00-00.000.audit'), 'old\n');
  writeFileSync(join(dir, 'kubernetes-2026-11-20T00-00-00.000.audit'), 'recent\n');
  writer.write(EVENTS.slice(1, 40));
  writer.close();
  const names = readdirSync(dir);
  assert.ok(!names.includes('kubernetes-2026-11-01T00-00-00.000.audit'));
  assert.ok(names.includes('kubernetes-2026-11-20T00-00-00.000.audit'));
});

test('writeAsync produces the same files as write', async () => {
  const syncDir = freshDir();
  const asyncDir = freshDir();
  const options = { maxSizeBytes: 32 * 1024, maxBackups: 4 };
  const some = EVENTS.slice(0, 800);
  const sync = new RotatingLogWriter({
    ...options,
    path: join(syncDir, 'kubernetes.audit'),
    now: steppingClock('2026-11-23T08:00:00Z', 1000),
  });
  const async = new RotatingLogWriter({
    ...options,
    path: join(asyncDir, 'kubernetes.audit'),
    now: steppingClock('2026-11-23T08:00:00Z', 1000),
  });
  const pending: Promise<void>[] = [];
  for (let i = 0; i < some.length; i += 25) {
    sync.write(some.slice(i, i + 25));
    pending.push(async.writeAsync(some.slice(i, i + 25)));
  }
  await Promise.all(pending);
  sync.close();
  await async.closeAsync();
  const a = readAll(syncDir);
  const b = readAll(asyncDir);
  assert.deepEqual(b.files, a.files);
  assert.deepEqual(b.events, a.events);
});
