import { expect, test } from '@playwright/test';
import { createCluster, setProjectPrices } from '@kubetrail/core';
import { generateEvents, PROFILE_NAMES } from '@kubetrail/demo-fleet';
import { eventList, post } from '../../../tests/support/events';
import { screenshot, signIn, startConsoleFixture, type ConsoleFixture } from './support/console-fixture';

test.describe.configure({ mode: 'serial' });

const PER_CLUSTER = 1_500;
const BATCH = 500;
let f: ConsoleFixture;

// The demo fleet's own traffic, one simulated cluster per profile, over the last three days.
test.beforeAll(async () => {
  f = await startConsoleFixture();
  await setProjectPrices(f.platform.deps, f.projectId, {
    currency: 'USD',
    perGBIngested: 1000,
    perGBMonthStored: 1000,
    perMillionEvents: 1000,
    monthlyBudget: null,
  });
  const end = new Date();
  const start = new Date(end.getTime() - 3 * 86_400_000);
  for (const [i, profile] of PROFILE_NAMES.entries()) {
    const cluster = await createCluster(f.platform.deps, {
      project: f.projectId,
      name: `demo-${profile}`,
      type: profile,
      policyPreset: 'none',
    });
    const events = generateEvents({ profile, seed: 11 + i, count: PER_CLUSTER, start, end, clusterName: `demo-${profile}` });
    for (let at = 0; at < events.length; at += BATCH) {
      const res = await post(`${f.platform.ingestUrl}/v1/webhook`, eventList(events.slice(at, at + BATCH)), { token: cluster.token });
      expect(res.status).toBe(200);
    }
    await f.platform.waitForEvents(cluster.id, PER_CLUSTER);
  }
});
test.afterAll(async () => {
  await f?.stop();
});

const amount = (text: string | null) => Number((text ?? '').replace(/[^0-9.]/g, ''));

test("the billing page charts the demo fleet's usage and its CSV says what the page says", async ({ page }) => {
  await signIn(page, f.url, f.user('admin'));
  await page.getByRole('link', { name: 'Billing', exact: true }).click();
  const table = page.getByRole('table', { name: 'Bill per cluster' });
  for (const profile of PROFILE_NAMES)
    await expect(table.locator(`tr[data-bill="demo-${profile}"]`).getByRole('cell').nth(3)).toHaveText(String(PER_CLUSTER));
  // Each chart drew its series: the cost line and a bar for today in both bar charts.
  await expect(page.locator('.recharts-line-curve')).toHaveCount(1);
  expect(await page.locator('.recharts-bar-rectangle path').count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('bill-total')).not.toHaveText('$0.00');
  await screenshot(page, 'billing-demo-fleet');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  let csv = '';
  for await (const chunk of await (await download).createReadStream()) csv += String(chunk);
  const rows = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const total = rows.find((r) => r[2] === 'total')!;
  expect(Number(total[6])).toBe(amount(await page.getByTestId('bill-total').textContent()));
  for (const profile of PROFILE_NAMES) {
    const row = rows.find((r) => r[2] === `demo-${profile}`)!;
    const cells = table.locator(`tr[data-bill="demo-${profile}"]`).getByRole('cell');
    expect(row[5]).toBe(String(PER_CLUSTER));
    expect(Number(row[3])).toBe(Number(await cells.nth(1).textContent()));
    expect(Number(row[4])).toBe(Number(await cells.nth(2).textContent()));
    expect(Number(row[6])).toBe(amount(await cells.nth(4).textContent()));
  }
});
