import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createCluster } from '@kubetrail/core';
import { eventList, makeEvent, post } from '../../../tests/support/events';
import { startService, until, type Service } from '../../../tests/support/processes';
import { screenshot, signIn, startConsoleFixture, type ConsoleFixture } from './support/console-fixture';

test.describe.configure({ mode: 'serial' });

let f: ConsoleFixture;
let agent: Service | undefined;
let clusterId = '';
let firstToken = '';
const dir = mkdtempSync(join(tmpdir(), 'kt-console-e2e-'));
const logFile = join(dir, 'kubernetes.audit');
let n = 0;

const writeEvents = (count: number, prefix: string) =>
  appendFileSync(
    logFile,
    Array.from({ length: count }, () => `${JSON.stringify(makeEvent({ auditID: `${prefix}-${++n}`, verb: 'get' }))}\n`).join(''),
  );
const stored = async (prefix: string) =>
  Number(
    (
      await f.platform.deps.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE cluster_id = $1 AND audit_id LIKE $2', [
        clusterId,
        `${prefix}-%`,
      ])
    ).rows[0]!.n,
  );
const pushWith = (token: string) => post(`${f.platform.ingestUrl}/v1/webhook`, eventList([makeEvent({ verb: 'list' })]), { token });
const row = (page: Page, name: string) => page.locator(`tr[data-cluster="${name}"]`);

test.beforeAll(async () => {
  f = await startConsoleFixture();
  writeFileSync(logFile, '');
  await createCluster(f.platform.deps, { project: f.otherProjectId, name: 'search-prod' });
});
test.afterAll(async () => {
  await agent?.kill('SIGKILL');
  await f?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the project switcher changes what the console shows, and the choice is remembered', async ({ page }) => {
  await signIn(page, f.url, f.user('owner'));
  const switcher = page.getByRole('combobox', { name: 'Project' });
  await expect(switcher).toHaveValue('payments');
  await switcher.click();
  await page.getByRole('option', { name: 'search-team' }).click();
  await expect(row(page, 'search-prod')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue('search-team');
  await expect(row(page, 'search-prod')).toBeVisible();
  await page.getByRole('combobox', { name: 'Project' }).click();
  await page.getByRole('option', { name: 'payments' }).click();
  await expect(row(page, 'search-prod')).toHaveCount(0);
  await expect(page.getByText('No clusters in this project yet')).toBeVisible();
});

test('create a cluster, run a real agent with the token the install page shows: the cluster turns healthy', async ({ page }) => {
  await signIn(page, f.url, f.user('admin'));
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('e2e-prod');
  await page.getByRole('button', { name: 'Create and install agent' }).click();
  await expect(page).toHaveURL(/\/clusters\/c-[a-z0-9]+\/install$/);
  clusterId = /\/clusters\/(c-[a-z0-9]+)\//.exec(page.url())![1]!;
  firstToken = (await page.getByTestId('cluster-token').textContent())!.trim();
  expect(firstToken).toMatch(/^kt_/);
  await expect(page.getByTestId('install-waiting')).toBeVisible();
  // The manifests carry this cluster's token and the ingest address.
  const manifest = page.locator('[data-file="daemonset"]');
  await expect(manifest).toContainText(firstToken);
  await expect(manifest).toContainText(f.platform.ingestUrl);
  await screenshot(page, 'install-agent');

  agent = startService('agent', 'apps/agent/src/main.ts', {}, [
    'tail',
    '--file',
    logFile,
    '--server',
    f.platform.ingestUrl,
    '--token',
    firstToken,
    '--state-dir',
    join(dir, 'state'),
    '--kubernetes-version',
    'v1.31.4',
    '--batch-max-wait-ms',
    '100',
  ]);
  writeEvents(5, 'before');
  await expect(page.getByTestId('install-connected')).toBeVisible({ timeout: 30_000 });
  await until(async () => (await stored('before')) === 5, 20_000, 'the first events stored');

  await page.goto(`${f.url}/clusters`);
  await expect(row(page, 'e2e-prod').locator('[data-status]')).toHaveText('healthy');
  await expect(row(page, 'e2e-prod')).toContainText('v1.31.4');
  await expect(row(page, 'e2e-prod')).toContainText('30 days');
  await screenshot(page, 'clusters');
  // The console follows the system's dark preference.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await screenshot(page, 'clusters-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('disable: pushes are refused with AUDIT_DISABLED and the page says so; enable resumes', async ({ page }) => {
  // The agent learns of the enabling at its next config poll, up to 30 s later.
  test.setTimeout(120_000);
  await signIn(page, f.url, f.user('admin'));
  await page.goto(`${f.url}/clusters/${clusterId}`);
  await page.getByRole('button', { name: 'Disable auditing' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable auditing' }).click();
  await expect(page.getByTestId('audit-disabled')).toContainText('AUDIT_DISABLED');
  await expect(page.locator('[data-status]').first()).toHaveText('disabled');

  await until(async () => (await pushWith(firstToken)).json?.code === 'AUDIT_DISABLED', 10_000, 'the ingest refusing the cluster');
  const refused = await pushWith(firstToken);
  expect(refused.status).toBe(403);
  writeEvents(3, 'while-off');
  await agent!.waitFor(/auditing is disabled/, 20_000);
  expect(await stored('while-off')).toBe(0);

  await page.getByRole('button', { name: 'Enable auditing' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Enable auditing' }).click();
  await expect(page.getByTestId('audit-disabled')).toHaveCount(0);
  await until(async () => (await pushWith(firstToken)).status === 200, 10_000, 'the ingest accepting again');
  await agent!.waitFor(/sending resumes/, 45_000);
  writeEvents(4, 'after');
  await until(async () => (await stored('after')) === 4, 20_000, 'events after enabling stored');
  await expect(page.locator('[data-status]').first()).toHaveText('healthy', { timeout: 15_000 });
  await screenshot(page, 'cluster-detail');
});

test('rotating the token: the old one is refused, the new one is shown once and works', async ({ page }) => {
  await agent?.kill('SIGTERM');
  agent = undefined;
  await signIn(page, f.url, f.user('admin'));
  await page.goto(`${f.url}/clusters/${clusterId}/install`);
  // A reloaded install page shows no secret, only the tokens' ids.
  await expect(page.getByTestId('cluster-token')).toHaveCount(0);
  const first = await f.platform.deps.db.clusterToken.findFirstOrThrow({ where: { clusterId }, orderBy: { createdAt: 'asc' } });
  await page.locator(`tr[data-token-id="${first.id}"]`).getByRole('button', { name: 'Rotate' }).click();
  const rotated = (await page.getByTestId('cluster-token').textContent())!.trim();
  expect(rotated).not.toBe(firstToken);
  await expect(page.locator(`tr[data-token-id="${first.id}"]`)).toContainText('revoked');
  await expect(page.locator('[data-file="daemonset"]')).toContainText(rotated);

  await until(async () => (await pushWith(firstToken)).status === 401, 10_000, 'the old token refused');
  expect((await pushWith(rotated)).status).toBe(200);
});

test('a viewer sees no way to disable a cluster, and the server refuses the call anyway', async ({ page }) => {
  await signIn(page, f.url, f.user('viewer'));
  await page.goto(`${f.url}/clusters/${clusterId}`);
  await expect(page.getByRole('heading', { name: 'e2e-prod' })).toBeVisible();
  await expect(page.getByRole('button', { name: /auditing/i })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  const answer = await page.evaluate(
    async ({ projectId, id }) => {
      const res = await fetch('/api/trpc/clusters.setAuditEnabled', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { projectId, clusterId: id, enabled: false } }),
      });
      return { status: res.status, body: await res.text() };
    },
    { projectId: f.projectId, id: clusterId },
  );
  expect(answer.status).toBe(403);
  expect(answer.body).toContain('admin role');
  expect((await f.platform.deps.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).auditEnabled).toBe(true);
});

test('rename a cluster, then delete it with its events once its new name is typed', async ({ page }) => {
  const scratch = await createCluster(f.platform.deps, { project: f.projectId, name: 'scratch', policyPreset: 'none' });
  await pushWith(scratch.token);
  await signIn(page, f.url, f.user('admin'));
  await page.goto(`${f.url}/clusters/${scratch.id}`);
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('dialog').getByLabel('New name').fill('scratch-old');
  await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('heading', { name: 'scratch-old', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Delete cluster and its data' });
  await dialog.getByLabel(/Type scratch-old to confirm/).fill('scratch');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type scratch-old to confirm/).fill('scratch-old');
  await confirm.click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(row(page, 'scratch-old')).toHaveCount(0);
  await expect(row(page, 'e2e-prod')).toBeVisible();
  expect(await f.platform.deps.db.cluster.count({ where: { id: scratch.id } })).toBe(0);
});

test('owners invite members, and every change above is in the console audit trail', async ({ page }) => {
  await signIn(page, f.url, f.user('owner'));
  await page.goto(`${f.url}/members`);
  await page.getByRole('form', { name: 'Invite a member' }).getByLabel('Email').fill('newcomer@example.com');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.locator('tr[data-invitation="newcomer@example.com"]')).toBeVisible();
  await expect(page.locator('tr[data-member="viewer@example.com"]')).toBeVisible();
  await screenshot(page, 'members');

  await page.goto(`${f.url}/audit-trail`);
  for (const action of [
    'cluster.create',
    'cluster.disable-audit',
    'cluster.enable-audit',
    'token.rotate',
    'cluster.rename',
    'cluster.delete',
    'member.invite',
  ])
    await expect(page.locator(`tr[data-action="${action}"]`).first()).toBeVisible();
  const disable = page.locator('tr[data-action="cluster.disable-audit"]').first();
  await expect(disable).toContainText('admin@example.com');
  await expect(disable).toContainText('auditEnabled: true → false');
  await screenshot(page, 'audit-trail');
});
