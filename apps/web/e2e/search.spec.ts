import { expect, test } from '@playwright/test';
import { makeEvent } from '../../../tests/support/events';
import { clusterWith, screenshot, signIn, startConsoleFixture, type ConsoleFixture } from './support/console-fixture';

test.describe.configure({ mode: 'serial' });

let f: ConsoleFixture;

const deletion = (auditID: string, resource: string, name: string) =>
  makeEvent({ auditID, verb: 'delete', objectRef: { resource, namespace: 'shop', name, apiVersion: 'v1' } });

// 20 events: 7 deletions (4 of secrets), 8 gets and 5 refused lists.
const SEEDS = [
  ...Array.from({ length: 4 }, (_, i) => deletion(`secret-${i}`, 'secrets', `token-${i}`)),
  ...Array.from({ length: 3 }, (_, i) => deletion(`configmap-${i}`, 'configmaps', `settings-${i}`)),
  ...Array.from({ length: 8 }, (_, i) => makeEvent({ auditID: `get-${i}`, verb: 'get' })),
  ...Array.from({ length: 5 }, (_, i) =>
    makeEvent({
      auditID: `list-${i}`,
      verb: 'list',
      user: { username: 'bob@example.com', groups: ['system:authenticated'] },
      objectRef: { resource: 'pods', namespace: 'kube-system', apiVersion: 'v1' },
      responseStatus: { code: 403 },
    }),
  ),
];

test.beforeAll(async () => {
  f = await startConsoleFixture();
  await clusterWith(f, SEEDS);
});
test.afterAll(async () => {
  await f?.stop();
});

test('an analyst searches, narrows by a facet, reads an event, and runs an analytics query', async ({ page }) => {
  await signIn(page, f.url, f.user('analyst'));
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible();
  // An empty query is every event of the last 24 hours.
  const total = page.getByTestId('result-total');
  await expect(total).toHaveText('20');

  const box = page.getByRole('textbox', { name: 'Query' });
  await box.fill('verb: delete');
  await box.press('Control+Enter');
  await expect(total).toHaveText('7');
  await expect(page.getByTestId('histogram')).toBeVisible();
  await expect(page).toHaveURL(/[?&]query=verb%3A\+delete(&|$)/);

  await page.locator('[data-facet="objectRef.resource"] [data-value="secrets"]').click();
  const narrowed = 'verb: delete and objectRef.resource: "secrets"';
  await expect(box).toHaveValue(narrowed);
  await expect(total).toHaveText('4');
  const events = page.getByRole('table', { name: 'Matching events' });
  await expect(events.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByRole('link', { name: 'Create alert rule from this query' })).toHaveAttribute(
    'href',
    `/alerts?query=${encodeURIComponent(narrowed)}`,
  );

  // The URL alone reproduces the search.
  await page.reload();
  await expect(box).toHaveValue(narrowed);
  await expect(total).toHaveText('4');

  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Source IP' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(events.getByRole('columnheader', { name: 'Source IP' })).toHaveCount(0);
  await expect(events.getByRole('columnheader', { name: 'Namespace' })).toBeVisible();
  await screenshot(page, 'search');

  await events.locator('tr[data-audit-id="secret-2"]').click();
  const drawer = page.getByRole('dialog', { name: 'Event secret-2' });
  await expect(drawer.getByTestId('event-json')).toContainText('"auditID": "secret-2"');
  await expect(drawer.getByRole('button', { name: 'Copy JSON' })).toBeVisible();
  await screenshot(page, 'search-event');
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  await box.fill('verb: delete and )');
  await page.getByRole('button', { name: 'Run' }).click();
  const error = page.getByTestId('query-error');
  await expect(error).toContainText('line 1, column 18: unexpected `)`');
  await expect(error.getByLabel('Where the error is')).toHaveText(`verb: delete and )\n${' '.repeat(17)}^`);
  await screenshot(page, 'search-error');

  await box.fill('* | SELECT verb, count(1) AS n FROM log GROUP BY verb');
  await page.getByRole('button', { name: 'Run' }).click();
  const result = page.getByRole('table', { name: 'Query result' });
  await expect(result.locator('thead th')).toHaveText(['verb', 'n']);
  await expect(result.locator('tbody tr', { has: page.locator('td', { hasText: /^delete$/ }) }).locator('td')).toHaveText(['delete', '7']);
  await expect(result.locator('tbody tr')).toHaveCount(3);
  await page.getByText('Bar chart', { exact: true }).click();
  await expect(page.getByTestId('result-chart')).toBeVisible();
  await screenshot(page, 'search-analytics');

  await page.getByRole('button', { name: 'Switch to dark mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await box.fill('verb: delete');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(total).toHaveText('7');
  await screenshot(page, 'search-dark');
});

test('an analyst saves the query in the box, picks it again after a reload, and gets the same total', async ({ page }) => {
  await signIn(page, f.url, f.user('analyst'));
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  const total = page.getByTestId('result-total');
  const box = page.getByRole('textbox', { name: 'Query' });
  const query = 'verb: delete and objectRef.resource: "secrets"';
  await box.fill(query);
  await box.press('Control+Enter');
  await expect(total).toHaveText('4');

  // Markup and quotes in a name are text, not HTML.
  const name = 'Deleted <b>"secrets"</b> 🔐';
  const saveDialog = page.getByRole('dialog', { name: 'Save query' });
  await page.getByRole('button', { name: 'Save query', exact: true }).click();
  await saveDialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await saveDialog.getByRole('textbox', { name: 'Description' }).fill('Who removes secrets');
  await saveDialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveDialog).toHaveCount(0);

  // Another search, then a reload: the saved query is the project's, not the page's.
  await box.fill('verb: get');
  await box.press('Control+Enter');
  await expect(total).toHaveText('8');
  await page.reload();
  await expect(total).toHaveText('8');

  const openSaved = () => page.getByRole('button', { name: 'Saved queries', exact: true }).click();
  const saved = page.getByRole('dialog', { name: 'Saved queries' });
  await openSaved();
  await expect(saved.getByRole('listitem')).toHaveCount(1);
  await screenshot(page, 'search-saved-queries');
  await saved.getByRole('button', { name, exact: true }).click();
  await expect(box).toHaveValue(query);
  await expect(total).toHaveText('4');
  await expect(page).toHaveURL(/[?&]query=verb%3A\+delete\+and\+objectRef.resource%3A\+%22secrets%22(&|$)/);

  // Saving it again starts from its name: the same name updates it, it does not add one.
  await page.getByRole('button', { name: 'Save query', exact: true }).click();
  await expect(saveDialog.getByRole('textbox', { name: 'Name' })).toHaveValue(name);
  await expect(saveDialog.getByText(`Replaces the saved query "${name}"`)).toBeVisible();
  await saveDialog.getByRole('textbox', { name: 'Description' }).fill('Secrets deleted, any namespace');
  await saveDialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveDialog).toHaveCount(0);
  await openSaved();
  await expect(saved.getByRole('listitem')).toHaveCount(1);
  await expect(saved.getByText('Secrets deleted, any namespace')).toBeVisible();

  // Deleting asks first.
  await saved.getByRole('button', { name: `Delete saved query ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete saved query ${name}?` });
  await confirm.getByRole('button', { name: 'Delete saved query' }).click();
  await expect(confirm).toHaveCount(0);
  await openSaved();
  await expect(saved.getByText(/^None yet/)).toBeVisible();
});

test('a viewer has no Search in the navigation, and the page says why', async ({ page }) => {
  await signIn(page, f.url, f.user('viewer'));
  await expect(page.getByRole('link', { name: 'Usage', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Search', exact: true })).toHaveCount(0);
  await page.goto(`${f.url}/search?query=verb%3Adelete`);
  await expect(page.getByText('Search needs the analyst role')).toBeVisible();
});
