import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '@kubetrail/contracts';
import { DEFAULT_AUDIT_LOG, parseArgs } from '../src/config/args';
import { readEnv } from '../src/config/env';

const base = ['--server', 'http://ingest:4000', '--token', 't', '--state-dir', '/var/lib/kt'];

describe('parseArgs', () => {
  test('tail with defaults', () => {
    const c = parseArgs(['tail', ...base], {});
    assert.equal(c.mode, 'tail');
    if (c.mode !== 'tail') return;
    assert.equal(c.file, DEFAULT_AUDIT_LOG);
    assert.equal(c.batchMaxEvents, 1000);
    assert.equal(c.batchMaxBytes, 512 * 1024);
    assert.equal(c.batchMaxWaitMs, 1000);
    assert.equal(c.pollIntervalMs, 250);
    assert.equal(c.spoolMaxBytes, 1024 ** 3);
  });

  test('flags win over the environment, which fills the gaps', () => {
    const env = readEnv({
      KUBETRAIL_SERVER: 'https://env:1',
      KUBETRAIL_TOKEN: 'envtok',
      KUBETRAIL_STATE_DIR: '/env',
      KUBETRAIL_KUBERNETES_VERSION: 'v1.31.2',
    });
    const c = parseArgs(['webhook', '--token=flagtok', '--listen', '0.0.0.0:9443'], env);
    assert.equal(c.mode, 'webhook');
    if (c.mode !== 'webhook') return;
    assert.equal(c.server, 'https://env:1');
    assert.equal(c.token, 'flagtok');
    assert.equal(c.stateDir, '/env');
    assert.equal(c.kubernetesVersion, 'v1.31.2');
    assert.equal(c.listenHost, '0.0.0.0');
    assert.equal(c.listenPort, 9443);
  });

  test('bad input fails naming the flag or variable', () => {
    const fails = (argv: string[], pattern: RegExp) =>
      assert.throws(
        () => parseArgs(argv, {}),
        (e: unknown) => e instanceof AppError && pattern.test(e.message),
      );
    fails(['tail', '--token', 't', '--state-dir', 'd'], /--server \(or KUBETRAIL_SERVER\)/);
    fails(['tail', ...base, '--batch-max-events', '0'], /--batch-max-events/);
    fails(['tail', ...base, '--batch-max-bytes', '1k'], /--batch-max-bytes/);
    fails(['webhook', ...base, '--listen', 'nope'], /--listen/);
    fails(['tail', ...base, '--server', 'ftp://x'], /--server/);
    fails(['tail', ...base, '--bogus'], /bogus/);
    fails(['follow', ...base], /unknown command/);
  });
});
