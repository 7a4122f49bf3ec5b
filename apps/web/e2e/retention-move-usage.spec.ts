import { expect, test } from '@playwright/test';
import { checkBudgets, createCluster } from '@kubetrail/core';
import { eventList, makeEvent, post } from '../../../tests/support/events';
import { screenshot, signIn, startConsoleFixture, type ConsoleFixture } from './support/console-fixture';

test.describe.configure({ mode: 'serial' });

let f: ConsoleFixture;
let clusterId = '';
// Events on the month's first day too, so retention changes what the month costs even when the suite runs on its last day.
const monthStart = `${new Date().toISOString().slice(0, 8)}01T06:00:00.000000Z`;
const STORED = 12 + 3;

test.beforeAll(async () => {
  f = await startConsoleFixture();
  // The admin may move clusters into the second project too.
  const admin = await f.platform.deps.db.user.findUniqueOrThrow({ where: { email: f.user('admin') } });
  await f.platform.deps.db.membership.create({ data: { userId: admin.id, projectId: f.otherProjectId, role: 'admin' } });
  const cluster = await createCluster(f.platform.deps, { project: f.projectId, name: 'billing-prod', policyPreset: 'none' });
  clusterId = cluster.id;
  const events = Array.from({ length: 12 }, (_, i) => makeEvent({ auditID: `u-${i}`, verb: 'get' }));
  const early = Array.from({ length: 3 }, (_, i) =>
    makeEvent({ auditID: `early-${i}`, verb: 'get', requestReceivedTimestamp: monthStart, stageTimestamp: monthStart }),
  );
  expect((await post(`${f.platform.ingestUrl}/v1/webhook`, eventList([...events, ...early]), { token: cluster.token })).status).toBe(200);
  await f.platform.waitForEvents(clusterId, STORED);
});
test.afterAll(async () => {
  await f?.stop();
});

test('the usage page counts what was stored, per cluster and day', async ({ page }) => {
  await signIn(page, f.url, f.user('viewer'));
  await page.getByRole('link', { name: 'Usage' }).click();
  const today = new Date().toISOString().slice(0, 10);
  // Counted on the day the batch arrived, the backdated events included.
  await expect(page.locator(`tr[data-usage="billing-prod/${today}"]`).getByTestId('events-stored')).toHaveText(String(STORED));
  await screenshot(page, 'usage');
});

test('an admin changes the retention; the page shows it and what is stored', async ({ page }) => {
  await signIn(page, f.url, f.user('admin'));
  await page.goto(`${f.url}/clusters/${clusterId}`);
  const retention = page.getByLabel('Retention (days)');
  await expect(retention).toHaveValue('30');
  await retention.fill('0');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByText(/1.*3650|between 1 and 3650|at least 1/i).first()).toBeVisible();
  await retention.fill('7');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByText('7 days', { exact: true })).toBeVisible();
  expect((await f.platform.deps.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).retentionDays).toBe(7);
  await screenshot(page, 'cluster-retention');
});

test('billing: an owner prices storage, the bill and its projection follow; retention, a what-if retention and a what-if policy change the projection', async ({
  page,
}) => {
  await signIn(page, f.url, f.user('owner'));
  await page.getByRole('link', { name: 'Billing', exact: true }).click();
  const prices = page.getByRole('form', { name: 'Price list' });
  await prices.getByLabel('Per GB-month stored').fill('1000000');
  await prices.getByLabel('Monthly budget').fill('1');
  await prices.getByRole('button', { name: 'Save prices' }).click();
  await expect(page.getByText('Price list saved')).toBeVisible();
  await expect(page.locator('tr[data-bill="billing-prod"]')).toBeVisible();
  const projected = page.getByTestId('bill-projected');
  await expect(projected).not.toHaveText('$0.00');
  await expect(page.getByText('over budget', { exact: true })).toBeVisible();
  // What the worker's hourly budget check does.
  expect((await checkBudgets(f.platform.deps)).map((a) => a.projectId)).toEqual([f.projectId]);
  await page.getByRole('link', { name: 'Clusters', exact: true }).click();
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'Budget alert' })).toContainText('above the budget of $1.00');
  await page.getByRole('link', { name: 'Billing', exact: true }).click();
  const before = (await projected.textContent())!;
  await page.goto(`${f.url}/clusters/${clusterId}`);
  await page.getByLabel('Retention (days)').fill('365');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByText('365 days', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Billing', exact: true }).click();
  await expect(projected).not.toHaveText(before);
  const longer = (await projected.textContent())!;
  await page.getByLabel('What if every cluster kept (days)').fill('1');
  await expect(projected).not.toHaveText(longer);

  const whatIf = page.getByRole('form', { name: 'Policy what-if' });
  await whatIf.getByLabel('Audit policy (YAML)').fill('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Nonsense\n');
  await whatIf.getByRole('button', { name: 'Replay and price' }).click();
  await expect(whatIf.getByText(/line 4/)).toBeVisible();
  await whatIf.getByLabel('Audit policy (YAML)').fill('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n');
  await whatIf.getByRole('button', { name: 'Replay and price' }).click();
  const result = whatIf.getByRole('table', { name: 'Policy what-if result' });
  const perDay = result.getByRole('row', { name: /Events per day/ });
  await expect(perDay.getByRole('cell').nth(2)).toHaveText('0');
  await expect(perDay.getByRole('cell').nth(1)).not.toHaveText('0');
  await expect(
    result
      .getByRole('row', { name: /Projected month end/ })
      .getByRole('cell')
      .nth(2),
  ).toHaveText('$0.00');
  await screenshot(page, 'billing');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).createReadStream();
  let text = '';
  for await (const chunk of csv) text += String(chunk);
  expect(text.split('\n')[0]).toBe('month,cluster_id,cluster,ingested_gb,stored_gb_month,events,cost_USD');
  expect(text).toContain(`,${clusterId},billing-prod,`);
});

test('moving a cluster to another project takes its events along; the old project no longer lists it', async ({ page }) => {
  await signIn(page, f.url, f.user('admin'));
  await page.goto(`${f.url}/clusters/${clusterId}`);
  await page.getByRole('button', { name: 'Change project' }).click();
  await page.getByRole('dialog').getByLabel('Target project').click();
  await page.getByRole('option', { name: 'search-team' }).click();
  await page.getByRole('button', { name: 'Move cluster' }).click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.locator('tr[data-cluster="billing-prod"]')).toHaveCount(0);
  expect((await f.platform.deps.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).projectId).toBe(f.otherProjectId);
  await page.getByRole('combobox', { name: 'Project' }).click();
  await page.getByRole('option', { name: 'search-team' }).click();
  await expect(page.locator('tr[data-cluster="billing-prod"]')).toBeVisible();
  expect(await f.platform.countEvents(clusterId)).toBe(STORED);
});
