import { expect, test, type Page } from '@playwright/test';
import { makeEvent } from '../../../tests/support/events';
import { clusterWith, screenshot, signIn, startConsoleFixture, type ConsoleFixture } from './support/console-fixture';

test.describe.configure({ mode: 'serial' });

let f: ConsoleFixture;

const person = (username: string) => ({ username, groups: ['devs', 'system:authenticated'] });
const controller = { username: 'system:serviceaccount:kube-system:replicaset-controller', groups: ['system:serviceaccounts'] };

// 15 events, 11 of them by people; one refused with 403 and nothing else failed.
const SEEDS = [
  ...Array.from({ length: 6 }, (_, i) => makeEvent({ auditID: `get-${i}`, verb: 'get' })),
  ...Array.from({ length: 3 }, (_, i) => makeEvent({ auditID: `controller-${i}`, verb: 'update', user: controller })),
  makeEvent({
    auditID: 'exec-1',
    verb: 'create',
    requestURI: '/api/v1/namespaces/shop/pods/web-0/exec?command=sh&command=-c&command=id&container=web&stdin=true',
    objectRef: { resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web-0', apiVersion: 'v1' },
    responseStatus: { code: 101 },
  }),
  makeEvent({
    auditID: 'delete-1',
    verb: 'delete',
    user: person('bob@example.com'),
    objectRef: { resource: 'configmaps', namespace: 'shop', name: 'settings', apiVersion: 'v1' },
  }),
  makeEvent({
    auditID: 'secret-1',
    verb: 'get',
    objectRef: { resource: 'secrets', namespace: 'shop', name: 'db-password', apiVersion: 'v1' },
  }),
  makeEvent({
    auditID: 'forbidden-1',
    verb: 'list',
    user: person('mallory@example.com'),
    objectRef: { resource: 'secrets', namespace: 'kube-system', apiVersion: 'v1' },
    responseStatus: { code: 403 },
    annotations: { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' },
  }),
  makeEvent({ auditID: 'public-1', verb: 'get', user: person('carol@example.com'), sourceIPs: ['8.8.8.8'] }),
  makeEvent({
    auditID: 'anonymous-1',
    verb: 'get',
    requestURI: '/api/v1/namespaces/default/configmaps/cluster-info',
    user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
    objectRef: { resource: 'configmaps', namespace: 'default', name: 'cluster-info', apiVersion: 'v1' },
  }),
];

test.beforeAll(async () => {
  f = await startConsoleFixture();
  await clusterWith(f, SEEDS);
});
test.afterAll(async () => {
  await f?.stop();
});

const panel = (page: Page, id: string) => page.locator(`[data-panel="${id}"]`);

test('an analyst reads the Overview, filters it, and opens a panel’s query in search with the same number', async ({ page }) => {
  await signIn(page, f.url, f.user('analyst'));
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/reports\/overview$/);

  const events = panel(page, 'events').getByTestId('stat-events');
  await expect(events).toHaveText(String(SEEDS.length));
  await expect(panel(page, 'people-total').getByTestId('stat-operations')).toHaveText('11');
  await expect(panel(page, 'failed').getByTestId('stat-failed')).toHaveText('1');
  await expect(panel(page, 'failed').getByTestId('stat-forbidden')).toHaveText('1');
  await expect(panel(page, 'exec').getByRole('table')).toContainText('sh -c id');
  await expect(panel(page, 'deletions').getByRole('table')).toContainText('settings');
  await expect(panel(page, 'secret-reads').getByRole('table')).toContainText('db-password');
  await expect(panel(page, 'public-access').getByRole('table')).toContainText('8.8.8.8');
  await expect(panel(page, 'anonymous-allowed').getByRole('table')).toContainText('/api/v1/namespaces/default/configmaps/cluster-info');
  await expect(panel(page, 'events-per-hour').getByTestId('line-chart')).toBeVisible();
  await screenshot(page, 'report-overview');

  await panel(page, 'deletions').getByRole('button', { name: 'Show Deletions full screen' }).click();
  const large = page.getByRole('dialog', { name: 'Deletions' });
  await expect(large.getByRole('table', { name: 'Deletions' })).toContainText('settings');
  await page.keyboard.press('Escape');
  await expect(large).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Status code' }).fill('403');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]code=403(&|$)/);
  await expect(events).toHaveText('1');
  await expect(panel(page, 'people-total').getByTestId('stat-operations')).toHaveText('1');

  await panel(page, 'events').getByRole('button', { name: 'Show query' }).click();
  const query = 'responseStatus.code = 403 | SELECT count(1) AS events FROM log';
  await expect(panel(page, 'events').getByTestId('panel-query')).toHaveText(query);

  await page.getByRole('button', { name: 'Switch to dark mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await screenshot(page, 'report-overview-dark');

  await panel(page, 'events').getByRole('link', { name: 'Open in search' }).click();
  await expect(page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Query' })).toHaveValue(query);
  const result = page.getByRole('table', { name: 'Query result' });
  await expect(result.locator('thead th')).toHaveText(['events']);
  await expect(result.locator('tbody td')).toHaveText(['1']);
});

test('a viewer has no Reports in the navigation, and the page says why', async ({ page }) => {
  await signIn(page, f.url, f.user('viewer'));
  await expect(page.getByRole('link', { name: 'Usage', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reports', exact: true })).toHaveCount(0);
  await page.goto(`${f.url}/reports/overview`);
  await expect(page.getByText('Reports need the analyst role')).toBeVisible();
});
