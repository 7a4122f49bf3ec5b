import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AuditEventSchema } from '@kubetrail/contracts';
import { CliUsageError, parseCliOptions } from '../src/cli-options';

const appDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = join(appDir, '..', '..');
const main = join(appDir, 'src', 'main.ts');
const root = mkdtempSync(join(tmpdir(), 'demo-fleet-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  // The start line is printed once the signal handlers are in place.
  const announced = new Promise<void>((resolve) => child.stderr.on('data', () => stderr.includes(' → ') && resolve()));
  return { child, exited, announced };
}

test('options: defaults, validation', () => {
  const options = parseCliOptions(['--dir', '/tmp/x', '--profile', 'managed']);
  assert.deepEqual(options, { dir: '/tmp/x', profile: 'managed', seed: 1, rate: 20, backfillHours: 0, maxSizeMb: 100, maxBackups: 10 });
  assert.equal(
    parseCliOptions(['--dir', 'd', '--profile', 'registered', '--duration-sec', '2.5', '--max-size-mb', '0.5']).durationSec,
    2.5,
  );
  assert.throws(() => parseCliOptions(['--dir', 'd', '--profile', 'serverless']), CliUsageError);
  assert.throws(() => parseCliOptions(['--profile', 'managed']), CliUsageError);
  assert.throws(() => parseCliOptions(['--dir', 'd', '--profile', 'managed', '--rate', '0']), CliUsageError);
  assert.throws(() => parseCliOptions(['--dir', 'd', '--profile', 'managed', '--max-backups', '1.5']), CliUsageError);
  assert.throws(() => parseCliOptions(['--dir', 'd', '--profile', 'managed', '--bogus']), CliUsageError);
});

// The runs are independent processes; overlapping them keeps the suite quick.
describe('the command', { concurrency: true }, () => {
  test('backfills, rotates and stops after --duration-sec', async () => {
    const dir = join(root, 'duration');
    const { exited } = start([
      '--dir',
      dir,
      '--profile',
      'dedicated',
      '--rate',
      '100',
      '--backfill-hours',
      '0.05',
      '--max-size-mb',
      '0.1',
      '--max-backups',
      '3',
      '--duration-sec',
      '1.5',
    ]);
    const { code, stderr } = await exited;
    assert.equal(code, 0, stderr);
    const files = readdirSync(dir).sort();
    assert.ok(files.includes('kubernetes.audit'));
    assert.ok(files.length === 4, `3 backups + active: ${files.join(', ')}`);
    for (const f of files) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
        assert.ok(AuditEventSchema.safeParse(JSON.parse(line)).success);
    }
  });

  test('exits 0 on SIGTERM with complete lines on disk', async () => {
    const dir = join(root, 'sigterm');
    const { child, exited, announced } = start(['--dir', dir, '--profile', 'managed', '--rate', '200']);
    await announced;
    await new Promise((resolve) => setTimeout(resolve, 700));
    child.kill('SIGTERM');
    const { code, stderr } = await exited;
    assert.equal(code, 0, stderr);
    const text = readFileSync(join(dir, 'kubernetes.audit'), 'utf8');
    assert.ok(text.length > 0 && text.endsWith('\n'));
    assert.match(stderr, /wrote \d+ events/);
  });

  test('a bad flag exits 2 with usage', async () => {
    const { code, stderr } = await start(['--dir', join(root, 'bad'), '--profile', 'nope']).exited;
    assert.equal(code, 2);
    assert.match(stderr, /usage: demo-fleet/);
  });
});
