import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createCluster } from '@kubetrail/core';
import { makeEvent } from '../../../tests/support/events';
import { startService, until, type Service } from '../../../tests/support/processes';
import { screenshot, signIn, startConsoleFixture, type ConsoleFixture } from './support/console-fixture';

test.describe.configure({ mode: 'serial' });

const RULE = 'Commands run in containers';
let f: ConsoleFixture;
let agent: Service | undefined;
let receiver: Server;
const received: IncomingHttpHeaders[] = [];
const dir = mkdtempSync(join(tmpdir(), 'kt-alerts-e2e-'));
const logFile = join(dir, 'kubernetes.audit');

/** What `kubectl exec` leaves in the audit log when its stream opens: the stage the exec template watches. */
const execEvent = (auditID: string) =>
  makeEvent({
    auditID,
    verb: 'create',
    stage: 'ResponseStarted',
    requestURI: '/api/v1/namespaces/shop/pods/web-0/exec?command=sh&container=web&stdin=true&tty=true',
    user: { username: 'alice@example.com', groups: ['devs', 'system:authenticated'] },
    sourceIPs: ['203.0.113.9'],
    objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web-0', apiVersion: 'v1' },
    responseStatus: { code: 101 },
  });

const stored = async (auditID: string) =>
  (await f.platform.deps.pool.query('SELECT 1 FROM audit_events WHERE audit_id = $1', [auditID])).rowCount === 1;

// The console reads its alert settings from its environment when it starts; other specs' consoles must not inherit them.
async function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  }
}

test.beforeAll(async () => {
  // Windows end on whole minutes; a fast tick and a short settle judge each one seconds after it ends.
  f = await withEnv({ ALERT_ALLOWED_HOSTS: '127.0.0.1', KUBETRAIL_SECRETS_KEY: randomBytes(32).toString('base64') }, () =>
    startConsoleFixture({ alertTick: { everyMs: 1_000, settleMs: 3_000 } }),
  );
  receiver = createServer((req, res) => {
    received.push(req.headers);
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  writeFileSync(logFile, '');
  const cluster = await createCluster(f.platform.deps, { project: f.projectId, name: 'shop-prod', policyPreset: 'none' });
  agent = startService('agent', 'apps/agent/src/main.ts', {}, [
    'tail',
    '--file',
    logFile,
    '--server',
    f.platform.ingestUrl,
    '--token',
    cluster.token,
    '--state-dir',
    join(dir, 'state'),
    '--batch-max-wait-ms',
    '100',
  ]);
});
test.afterAll(async () => {
  await agent?.kill('SIGKILL');
  receiver?.close();
  await f?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('an analyst makes a rule from the exec template; a real agent’s exec event lands in the message center', async ({ page }) => {
  // The event's window closes at the next whole minute, and is judged seconds after.
  test.setTimeout(150_000);
  await signIn(page, f.url, f.user('analyst'));
  await page.getByRole('link', { name: 'Alerts', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Rules' })).toBeVisible();
  await expect(page.getByText('No alert rules yet')).toBeVisible();

  await page.getByRole('button', { name: 'New rule' }).click();
  const form = page.getByRole('form', { name: 'Alert rule' });
  await form.getByLabel('From template').click();
  await page.getByRole('option', { name: RULE }).click();
  await expect(form.getByLabel('Name')).toHaveValue(RULE);
  await expect(form.getByLabel('Query')).toHaveValue(/objectRef\.subresource:exec/);
  await expect(form.getByLabel('Every (minutes)')).toHaveValue('1');
  await expect(form.getByText('No channels yet')).toBeVisible();
  await form.getByRole('button', { name: 'Check' }).click();
  // The seeds' condition names a column the query does not return: a warning, not an error.
  await expect(form.getByTestId('rule-check')).toContainText('"Event"');
  await screenshot(page, 'alerts-rule-form');
  await form.getByRole('button', { name: 'Save rule' }).click();

  const row = page.locator(`tr[data-rule="${RULE}"]`);
  await expect(row).toContainText('every 1 min');
  await expect(row).toContainText('messages only');
  await expect(row.getByRole('switch', { name: `${RULE} enabled` })).toBeChecked();

  appendFileSync(logFile, `${JSON.stringify(execEvent('exec-1'))}\n`);
  await until(() => stored('exec-1'), 20_000, 'the exec event stored');

  await expect(page.getByTestId('unread-badge')).toHaveText('1', { timeout: 100_000 });
  await expect(row.getByTestId('last-window-end')).not.toHaveText('not run yet', { timeout: 15_000 });
  await screenshot(page, 'alerts-rules');

  await page.getByRole('link', { name: /^Messages/ }).click();
  const message = page.locator('[data-message]').first();
  await expect(message).toHaveAttribute('data-read', 'false');
  await expect(message).toContainText(`Firing: ${RULE}`);
  await expect(message).toContainText(
    'alice@example.com ran "command=sh&container=web&stdin=true&tty=true" in /api/v1/namespaces/shop/pods/web-0',
  );
  await screenshot(page, 'alerts-messages');
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(message).toHaveAttribute('data-read', 'true');
  await expect(page.getByTestId('unread-badge')).toHaveCount(0);

  await page.getByRole('tab', { name: 'History' }).click();
  const fired = page.locator(`tr[data-evaluation="${RULE}"][data-fired="1"]`);
  await expect(fired).toBeVisible();
  await expect(page.getByTestId('firing').first()).toContainText('Event ID=exec-1');
  await expect(page.getByTestId('firing').first()).toContainText('No channel: in the message center only.');
  await screenshot(page, 'alerts-history');
});

test('a test run replays the rule over past windows; rules also come from a detection or a query in the URL', async ({ page }) => {
  // A 1-minute rule replays its newest 2,016 windows, one query each.
  test.setTimeout(120_000);
  await signIn(page, f.url, f.user('analyst'));
  await page.goto(`${f.url}/alerts`);
  await page
    .locator(`tr[data-rule="${RULE}"]`)
    .getByRole('button', { name: /Test run/ })
    .click();
  await expect(page.getByTestId('test-run-summary')).toContainText('Would have fired 1 time', { timeout: 100_000 });
  await expect(page.getByRole('table', { name: 'Windows that would have fired' }).getByRole('row')).toHaveCount(2);
  await page.keyboard.press('Escape');

  await page.locator('tr[data-detection="exec-into-pod"]').getByRole('button', { name: 'Create rule' }).click();
  await expect(page.locator('tr[data-rule="Command run in a container (pods/exec)"]')).toBeVisible();

  // The search page links here with its query.
  await page.goto(`${f.url}/alerts?query=${encodeURIComponent('verb : delete and objectRef.resource : secrets')}`);
  const form = page.getByRole('form', { name: 'Alert rule' });
  await expect(form.getByLabel('Query')).toHaveValue('verb : delete and objectRef.resource : secrets');
  await expect(form.getByLabel('Condition')).toHaveValue('Event =~ ".*"');
});

test('an admin adds a webhook channel, sends a test through it, and deletes it', async ({ page }) => {
  await signIn(page, f.url, f.user('admin'));
  await page.goto(`${f.url}/alerts/channels`);
  await page.getByRole('button', { name: 'New channel' }).click();
  const form = page.getByRole('form', { name: 'Alert channel' });
  await form.getByLabel('Name').fill('ops-hook');
  await form.getByLabel('URL').fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
  await form.getByLabel('Signing secret').fill('s3cret');
  await form.getByLabel('Headers').fill('X-Team: payments');
  await form.getByRole('button', { name: 'Save channel' }).click();

  const row = page.locator('tr[data-channel="ops-hook"]');
  await expect(row).toContainText('webhook');
  // Header values may carry tokens: shown redacted, like the signing secret, and sent as saved.
  await expect(row).toContainText('X-Team: ••••••');
  await expect(row).not.toContainText('payments');
  await expect(row).not.toContainText('s3cret');
  await row.getByRole('button', { name: 'Send test' }).click();
  await expect(row.getByTestId('channel-test-result')).toHaveText('ok (200)');
  expect(received.at(-1)?.['x-team']).toBe('payments');
  await screenshot(page, 'alerts-channels');

  // Pointed at a port nobody listens on, the test says why it failed.
  await row.getByRole('button', { name: 'Edit' }).click();
  await form.getByLabel('URL').fill('http://127.0.0.1:9/hook');
  await form.getByRole('button', { name: 'Save channel' }).click();
  await expect(row).toContainText('127.0.0.1:9');
  await row.getByRole('button', { name: 'Send test' }).click();
  await expect(row.getByTestId('channel-test-result')).toHaveAttribute('data-ok', 'false');
  await expect(row.getByTestId('channel-test-result')).not.toHaveText('');

  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete channel' }).click();
  await expect(row).toHaveCount(0);
});
