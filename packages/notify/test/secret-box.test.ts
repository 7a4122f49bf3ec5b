import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  ChannelConfigSchema,
  openChannelSecrets,
  parseSecretsKey,
  redactChannel,
  sealChannelSecrets,
  secretFieldsOf,
  type ChannelConfig,
} from '../src/index';

const key = randomBytes(32);
const CANNOT_OPEN = { message: 'a stored channel secret cannot be opened with this KUBETRAIL_SECRETS_KEY' };

const configs: ChannelConfig[] = [
  { kind: 'webhook', url: 'https://hooks.example.com/a', secret: 'whsec', headers: { 'X-Team': 'sre' } },
  { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=tok', secret: 'SECdd' },
  { kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/xyz' },
  {
    kind: 'email',
    host: 'smtp.example.com',
    port: 587,
    secure: false,
    user: 'alerts',
    password: 'p@ss ✓',
    from: 'a@example.com',
    to: ['b@example.com'],
  },
];

test('sealing replaces every secret with AES-GCM ciphertext that still passes the schema, and opening restores it', () => {
  for (const config of configs) {
    const sealed = sealChannelSecrets(config, key) as Record<string, unknown>;
    for (const field of secretFieldsOf(config.kind)) {
      const plain = (config as Record<string, unknown>)[field];
      const values = typeof plain === 'object' ? Object.values(sealed[field] as object) : [sealed[field]];
      const originals = typeof plain === 'object' ? Object.values(plain as object) : [plain];
      values.forEach((v, i) => {
        assert.match(String(v), /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/, `${config.kind}.${field}`);
        assert.ok(!String(v).includes(String(originals[i])));
      });
    }
    assert.deepEqual(ChannelConfigSchema.parse(sealed), sealed);
    assert.deepEqual(openChannelSecrets(sealed as ChannelConfig, key), config);
  }
  const again = sealChannelSecrets(configs[2]!, key);
  assert.notEqual((again as { url: string }).url, (sealChannelSecrets(configs[2]!, key) as { url: string }).url, 'a fresh IV every time');
});

test('the secret fields of each kind', () => {
  assert.deepEqual(secretFieldsOf('webhook'), ['secret', 'headers']);
  assert.deepEqual(secretFieldsOf('dingtalk'), ['url', 'secret']);
  assert.deepEqual(secretFieldsOf('slack'), ['url']);
  assert.deepEqual(secretFieldsOf('email'), ['password']);
  const noSecret: ChannelConfig = { kind: 'webhook', url: 'https://hooks.example.com/a' };
  assert.deepEqual(sealChannelSecrets(noSecret, key), noSecret);
});

test('a wrong key, a tampered or moved value, or one never sealed cannot be opened', () => {
  const sealed = sealChannelSecrets(configs[0]!, key) as Extract<ChannelConfig, { kind: 'webhook' }> & { secret: string };
  assert.throws(() => openChannelSecrets(sealed, randomBytes(32)), CANNOT_OPEN);
  const [v, iv, tag, data] = sealed.secret.split(':') as [string, string, string, string];
  const flipped = Buffer.from(data, 'base64');
  flipped[0] = flipped[0]! ^ 1;
  assert.throws(() => openChannelSecrets({ ...sealed, secret: [v, iv, tag, flipped.toString('base64')].join(':') }, key), CANNOT_OPEN);
  // Sealed for a webhook, so not a password of an email channel.
  assert.throws(() => openChannelSecrets({ ...configs[3]!, password: sealed.secret } as ChannelConfig, key), CANNOT_OPEN);
  assert.throws(() => openChannelSecrets(configs[0]!, key), CANNOT_OPEN);
});

test('redaction hides every secret, sealed or not, and the values of headers but not their names', () => {
  const [webhook, dingtalk, slack, email] = configs.map(redactChannel) as Record<string, unknown>[];
  assert.deepEqual(webhook, { ...configs[0], secret: '••••••', headers: { 'X-Team': '••••••' } });
  assert.deepEqual(dingtalk, { kind: 'dingtalk', url: '••••••', secret: '••••••' });
  assert.deepEqual(slack, { kind: 'slack', url: '••••••' });
  assert.equal(email?.password, '••••••');
  assert.equal(email?.user, 'alerts');
  assert.deepEqual(redactChannel(sealChannelSecrets(configs[2]!, key)), { kind: 'slack', url: '••••••' });
  assert.ok(!('secret' in redactChannel({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=tok' })));
});

test('KUBETRAIL_SECRETS_KEY must be exactly 32 bytes of base64', () => {
  assert.deepEqual(parseSecretsKey(key.toString('base64')), key);
  assert.deepEqual(parseSecretsKey(` ${key.toString('base64')}\n`), key);
  for (const bad of [randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), '', 'not base64 at all!', key.toString('hex')])
    assert.throws(() => parseSecretsKey(bad), /KUBETRAIL_SECRETS_KEY .*openssl rand -base64 32/, bad);
  assert.throws(() => parseSecretsKey(randomBytes(16).toString('base64')), /must be 32 bytes in base64, not 16/);
});
