import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parseAllowedHosts } from '@kubetrail/notify';
import { listChannels, NO_ALERT_SETTINGS, openChannel, saveChannel, sendTestNotification, type AlertSettings } from '../../src/index';
import { queryFixture, type QueryFixture } from '../query/query-fixture';

let f: QueryFixture;
const settings: AlertSettings = { secretsKey: randomBytes(32), allowList: parseAllowedHosts(''), timeoutMs: 2_000 };
const HOOK = {
  name: 'hook',
  kind: 'webhook',
  settings: { url: 'https://hooks.example.com/kt', secret: 'shh-hmac', headers: { Authorization: 'Bearer tok-123', 'X-Team': 'sre' } },
};

before(async () => {
  f = await queryFixture();
});
after(() => f?.close());

const stored = async (name: string) => (await f.deps.db.alertChannel.findFirstOrThrow({ where: { projectId: f.project, name } })).config;

test('secrets and header values are sealed at rest and shown redacted; header names stay readable', async () => {
  await saveChannel(f.deps, settings, f.project, HOOK);
  const raw = JSON.stringify(await stored('hook'));
  for (const secret of ['shh-hmac', 'tok-123', 'sre']) assert.ok(!raw.includes(secret), `${secret} is not stored in the clear`);
  const [view] = await listChannels(f.deps, f.project);
  assert.deepEqual(view!.settings, {
    url: 'https://hooks.example.com/kt',
    secret: '••••••',
    headers: { Authorization: '••••••', 'X-Team': '••••••' },
  });
});

test('saving the form back as shown keeps the secrets; a changed header value replaces only that one', async () => {
  const [view] = await listChannels(f.deps, f.project);
  const again = await saveChannel(f.deps, settings, f.project, { name: 'hook', kind: 'webhook', settings: view!.settings });
  assert.equal(again.changed, false, 'the redacted form changes nothing');
  const edited = await saveChannel(f.deps, settings, f.project, {
    name: 'hook',
    kind: 'webhook',
    settings: { ...view!.settings, headers: { Authorization: '••••••', 'X-Team': 'platform' } },
  });
  assert.equal(edited.changed, true);
  const row = await f.deps.db.alertChannel.findFirstOrThrow({ where: { projectId: f.project, name: 'hook' } });
  assert.deepEqual(openChannel(row, settings), {
    kind: 'webhook',
    url: HOOK.settings.url,
    secret: 'shh-hmac',
    headers: { Authorization: 'Bearer tok-123', 'X-Team': 'platform' },
  });
});

test('bad channels are refused with the field at fault; a secret without an operator key is refused', async () => {
  const refused = (input: unknown, s = settings) => saveChannel(f.deps, s, f.project, input);
  await assert.rejects(
    refused({ name: 'x', kind: 'webhook', settings: { url: 'ftp://example.com/' } }),
    (e: Error & { code?: string }) => e.code === 'BAD_REQUEST' && /^settings\.url/.test(e.message),
  );
  await assert.rejects(refused({ name: 'x', kind: 'pager', settings: {} }), { code: 'BAD_REQUEST' });
  await assert.rejects(refused({ name: 'x', kind: 'webhook', settings: { url: 'https://a.example.com/', extra: 1 } }), {
    code: 'BAD_REQUEST',
  });
  await assert.rejects(refused({ ...HOOK, name: 'nokey' }, NO_ALERT_SETTINGS), /KUBETRAIL_SECRETS_KEY/);
});

test('a test send to a private address is refused with the reason, and to a key that changed, with that reason', async () => {
  await saveChannel(f.deps, settings, f.project, { name: 'internal', kind: 'webhook', settings: { url: 'http://10.20.30.40/hook' } });
  const internal = await sendTestNotification(f.deps, settings, f.project, 'internal');
  assert.equal(internal.ok, false);
  assert.match(internal.error ?? '', /10\.20\.30\.40.*private.*ALERT_ALLOWED_HOSTS/);
  const otherKey = await sendTestNotification(f.deps, { ...settings, secretsKey: randomBytes(32) }, f.project, 'hook');
  assert.equal(otherKey.ok, false);
  assert.match(otherKey.error ?? '', /cannot be opened/);
});
