import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { AgentSettings } from '../src/transport/responses';
import { ConfigPoller, FALLBACK_CONFIG, type ConfigSource } from '../src/runtime/config-poller';
import type { CallOutcome } from '../src/transport/ingest-client';
import { TEST_CONFIG } from './helpers/fake-ingest';
import { captureLog, tempDir } from './helpers/fixtures';

const temp = tempDir();
after(() => temp.cleanup());

/** A config source whose answers the test releases one by one. */
function scripted() {
  const pending: Array<(o: CallOutcome<AgentSettings>) => void> = [];
  const source: ConfigSource = { config: () => new Promise((resolve) => pending.push(resolve)) };
  return { source, answer: (o: CallOutcome<AgentSettings>) => pending.shift()!(o) };
}

const ok = (config: Partial<AgentSettings> = {}): CallOutcome<AgentSettings> => ({
  kind: 'ok',
  data: { ...TEST_CONFIG, policy: null, ...config },
});
const down: CallOutcome<AgentSettings> = {
  kind: 'retry',
  status: undefined,
  appCode: undefined,
  message: 'ECONNREFUSED',
  retryAfterMs: undefined,
  maybeDelivered: true,
};

describe('ConfigPoller', () => {
  test('caches the last good config and uses it after a restart while the platform is down', async () => {
    const dir = join(temp.dir, 'cache');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    const first = scripted();
    const poller = await ConfigPoller.create(dir, first.source, captureLog().log);
    assert.deepEqual(poller.config, FALLBACK_CONFIG);
    const refreshed = poller.refresh();
    first.answer(ok({ clusterId: 'c-1', limits: { ...TEST_CONFIG.limits, maxEventsPerBatch: 7 } }));
    await refreshed;
    assert.equal(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).clusterId, 'c-1');

    const second = scripted();
    const restarted = await ConfigPoller.create(dir, second.source, captureLog().log);
    const failed = restarted.refresh();
    second.answer(down);
    await failed;
    assert.equal(restarted.config.clusterId, 'c-1');
    assert.equal(restarted.config.limits.maxEventsPerBatch, 7);
  });

  test('a refusal for AUDIT_DISABLED stops sending until a config fetched afterwards says enabled', async () => {
    const dir = join(temp.dir, 'disabled');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    const s = scripted();
    const poller = await ConfigPoller.create(dir, s.source, captureLog().log);
    const stale = poller.refresh();
    poller.auditDisabledByPlatform();
    assert.equal(poller.auditEnabled, false);
    s.answer(ok({ auditEnabled: true }));
    await stale;
    assert.equal(poller.auditEnabled, false, 'an answer to a request sent before the refusal does not count');
    const still = poller.refresh();
    s.answer(ok({ auditEnabled: false }));
    await still;
    assert.equal(poller.auditEnabled, false);
    const fresh = poller.refresh();
    s.answer(ok({ auditEnabled: true }));
    await fresh;
    assert.equal(poller.auditEnabled, true);
  });
});
