import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { FilePosition } from '../src/tail/file-identity';
import { FileFollower, type LineChunk } from '../src/tail/file-follower';
import { backupName, backupNaming, backupTime, listLogFiles } from '../src/tail/log-files';
import { captureLog, LumberjackWriter, tempDir } from './helpers/fixtures';

const temp = tempDir();
after(() => temp.cleanup());
let n = 0;
const newDir = () => {
  const dir = join(temp.dir, `case-${n++}`);
  return dir;
};

function follower(path: string, extra: Partial<ConstructorParameters<typeof FileFollower>[0]> = {}) {
  const captured = captureLog();
  return { f: new FileFollower({ path, pollIntervalMs: 5, log: captured.log, ...extra }), captured };
}

/** Reads until `count` lines arrived (or fails), remembering the position after each. */
async function readLines(f: FileFollower, count: number, timeoutMs = 5000): Promise<{ texts: string[]; last?: FilePosition }> {
  const texts: string[] = [];
  let last: FilePosition | undefined;
  const deadline = Date.now() + timeoutMs;
  while (texts.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${texts.length} of ${count} lines arrived: ${texts.slice(-3).join(' | ')}`);
    const chunk: LineChunk | null = await f.read();
    if (!chunk) continue;
    for (const line of chunk.lines) {
      if (texts.length === count) break;
      texts.push(line.text);
      last = { ...chunk.file, offset: line.end };
    }
  }
  return { texts, ...(last ? { last } : {}) };
}

async function mkdirp(dir: string) {
  (await import('node:fs')).mkdirSync(dir, { recursive: true });
}

describe('lumberjack naming', () => {
  test('recognises backups of the active file and orders them by their timestamp', async () => {
    const dir = newDir();
    await mkdirp(dir);
    const active = join(dir, 'kubernetes.audit');
    assert.deepEqual(backupNaming(active), { prefix: 'kubernetes-', ext: '.audit' });
    assert.equal(backupTime('kubernetes-2026-11-23T17-39-32.123.audit', backupNaming(active)), Date.UTC(2026, 10, 23, 17, 39, 32, 123));
    assert.equal(backupTime('kubernetes-2026-11-23T17-39-32.123.audit.gz', backupNaming(active)), undefined);
    assert.equal(backupTime('other-2026-11-23T17-39-32.123.audit', backupNaming(active)), undefined);
    assert.equal(backupTime('audit-2026-11-23T17-39-32.123', backupNaming(join(dir, 'audit'))), Date.UTC(2026, 10, 23, 17, 39, 32, 123));
    writeFileSync(join(dir, 'kubernetes-2026-11-23T17-39-33.000.audit'), 'b');
    writeFileSync(join(dir, 'kubernetes-2026-11-23T17-39-32.123.audit'), 'a');
    writeFileSync(join(dir, 'kubernetes-2026-11-23T17-39-31.000.audit.gz'), 'z');
    writeFileSync(active, 'c');
    const files = await listLogFiles(active);
    assert.deepEqual(
      files.map((f) => readFileSync(f.path, 'utf8')),
      ['a', 'b', 'c'],
    );
    assert.equal(files.at(-1)?.active, true);
  });
});

describe('FileFollower', () => {
  test('follows lines appended to the file', async () => {
    const dir = newDir();
    await mkdirp(dir);
    const path = join(dir, 'kubernetes.audit');
    writeFileSync(path, 'one\ntwo\n');
    const { f } = follower(path);
    await f.start();
    assert.deepEqual((await readLines(f, 2)).texts, ['one', 'two']);
    appendFileSync(path, 'three\nfour\n');
    const { texts, last } = await readLines(f, 2);
    assert.deepEqual(texts, ['three', 'four']);
    assert.equal(last?.offset, statSync(path).size);
    await f.close();
  });

  test('hands out a line only once its newline is written', async () => {
    const dir = newDir();
    await mkdirp(dir);
    const path = join(dir, 'kubernetes.audit');
    writeFileSync(path, '{"a":1}\n{"b"');
    const { f } = follower(path);
    await f.start();
    const first = await readLines(f, 1);
    assert.deepEqual(first.texts, ['{"a":1}']);
    assert.equal(first.last?.offset, 8);
    for (let i = 0; i < 5; i++) assert.deepEqual((await f.read())?.lines ?? [], []);
    appendFileSync(path, ':2}\r\n');
    assert.deepEqual((await readLines(f, 1)).texts, ['{"b":2}']);
    await f.close();
  });

  test('skips a line longer than the limit without stalling the lines after it', async () => {
    const dir = newDir();
    await mkdirp(dir);
    const path = join(dir, 'kubernetes.audit');
    const skipped: number[] = [];
    const { f } = follower(path, { maxLineBytes: 100, chunkBytes: 64, onSkippedLine: async (s) => void skipped.push(s.bytes) });
    writeFileSync(path, `a\n${'x'.repeat(500)}\nb\n`);
    await f.start();
    assert.deepEqual((await readLines(f, 2)).texts, ['a', 'b']);
    assert.deepEqual(skipped, [501]);
    await f.close();
  });

  test('loses and duplicates nothing while the file is rotated under it', async () => {
    const dir = newDir();
    await mkdirp(dir);
    const path = join(dir, 'kubernetes.audit');
    const writer = new LumberjackWriter(path);
    const { f, captured } = follower(path, { chunkBytes: 97 });
    await f.start();
    const total = 3000;
    const writing = (async () => {
      for (let i = 0; i < total; i++) {
        writer.write(`line-${i}\n`);
        if (i % 400 === 399) writer.rotate();
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const { texts } = await readLines(f, total, 15_000);
    await writing;
    assert.deepEqual(
      texts,
      Array.from({ length: total }, (_, i) => `line-${i}`),
    );
    assert.ok(captured.has('following next file'));
    for (let i = 0; i < 10; i++) assert.equal(await f.read(), null, 'nothing beyond what was written');
    await f.close();
  });

  test('resumes inside a rotated file found by identity, then reads the newer files in order', async () => {
    const dir = newDir();
    await mkdirp(dir);
    const path = join(dir, 'kubernetes.audit');
    const writer = new LumberjackWriter(path);
    writer.write('a1\na2\na3\n');
    const first = follower(path);
    await first.f.start();
    const { last } = await readLines(first.f, 2);
    await first.f.close();
    writer.rotate();
    writer.write('b1\n');
    writer.rotate();
    writer.write('c1\nc2\n');
    const { f, captured } = follower(path);
    await f.start(last);
    assert.ok(captured.has('resuming from checkpoint'));
    assert.deepEqual((await readLines(f, 4)).texts, ['a3', 'b1', 'c1', 'c2']);
    await f.close();
  });

  test('when the checkpointed file is gone, warns of a gap and starts at the oldest newer file', async () => {
    const dir = newDir();
    await mkdirp(dir);
    const path = join(dir, 'kubernetes.audit');
    const writer = new LumberjackWriter(path);
    writer.write('a1\na2\n');
    const first = follower(path);
    await first.f.start();
    const { last } = await readLines(first.f, 1);
    await first.f.close();
    await new Promise((r) => setTimeout(r, 20));
    const backupA = writer.rotate();
    writer.write('b1\n');
    writer.rotate();
    writer.write('c1\n');
    rmSync(backupA);
    const { f, captured } = follower(path);
    await f.start(last);
    const gap = captured.lines.find((l) => l.gap === true);
    assert.ok(gap, 'a gap warning is logged');
    assert.deepEqual((await readLines(f, 2)).texts, ['b1', 'c1']);
    await f.close();
  });

  test('does not trust an inode whose first bytes differ (inode reused by a new file)', async () => {
    const dir = newDir();
    await mkdirp(dir);
    const path = join(dir, 'kubernetes.audit');
    writeFileSync(path, 'new1\nnew2\n');
    const st = statSync(path, { bigint: true });
    const stale: FilePosition = {
      dev: st.dev.toString(),
      ino: st.ino.toString(),
      fingerprint: '0'.repeat(64),
      fingerprintLength: 5,
      offset: 5,
      path,
      mtimeMs: 0,
    };
    const { f, captured } = follower(path);
    await f.start(stale);
    assert.ok(captured.lines.some((l) => l.gap === true));
    assert.deepEqual((await readLines(f, 2)).texts, ['new1', 'new2']);
    await f.close();
  });

  test('waits for the file to appear', async () => {
    const dir = newDir();
    await mkdirp(dir);
    const path = join(dir, 'kubernetes.audit');
    const { f } = follower(path);
    await f.start();
    assert.equal(await f.read(), null);
    writeFileSync(path, 'late\n');
    assert.deepEqual((await readLines(f, 1)).texts, ['late']);
    await f.close();
  });

  test('backupName matches what backupTime parses', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    const name = backupName('/x/kubernetes.audit', at).split('/').pop()!;
    assert.equal(name, 'kubernetes-2026-01-02T03-04-05.006.audit');
    assert.equal(backupTime(name, backupNaming('/x/kubernetes.audit')), at.getTime());
  });
});
