import { expect, test } from '@playwright/test';
import { screenshot, signIn, startConsoleFixture, type ConsoleFixture } from './support/console-fixture';

let f: ConsoleFixture;
test.beforeAll(async () => {
  f = await startConsoleFixture();
});
test.afterAll(async () => {
  await f?.stop();
});

test('signed out, every console page leads to the sign-in form', async ({ page }) => {
  for (const path of ['/clusters', '/search', '/alerts', '/alerts/channels', '/alerts/history', '/alerts/messages', '/billing', '/usage']) {
    await page.goto(`${f.url}${path}`);
    await expect(page, path).toHaveURL(/\/sign-in$/);
  }
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await screenshot(page, 'sign-in');
});

test('a wrong password is refused in words and opens no session', async ({ page, context }) => {
  await page.goto(`${f.url}/sign-in`);
  await page.getByLabel('Email').fill(f.user('owner'));
  await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toContainText('wrong email or password');
  expect((await context.cookies()).find((c) => c.name === 'kt_session')).toBeUndefined();
});

test('sign-in sets an httpOnly SameSite session cookie; sign-out ends the session', async ({ page, context }) => {
  await signIn(page, f.url, f.user('owner'));
  const cookie = (await context.cookies()).find((c) => c.name === 'kt_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');
  expect(cookie?.secure).toBe(true);
  await page.getByRole('button', { name: /Account owner@example.com/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // The old cookie, replayed, no longer works: the session is gone on the server.
  await context.addCookies([{ ...cookie!, expires: -1 }]);
  await page.goto(`${f.url}/clusters`);
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a cross-site request carrying the session cookie is not run as the user', async ({ page, context }) => {
  await signIn(page, f.url, f.user('owner'));
  const cookie = (await context.cookies()).find((c) => c.name === 'kt_session')!;
  // What a browser sends when another site's page posts to the console (were the cookie not SameSite).
  const forged = await fetch(`${f.url}/api/trpc/clusters.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `kt_session=${cookie.value}`, origin: 'https://evil.example' },
    body: JSON.stringify({ json: { projectId: f.projectId, name: 'forged' } }),
  });
  expect(forged.status).toBe(401);
  const signInForged = await fetch(`${f.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    body: JSON.stringify({ email: f.user('owner'), password: 'x' }),
  });
  expect(signInForged.status).toBe(403);
  expect(await f.platform.deps.db.cluster.count({ where: { name: 'forged' } })).toBe(0);
});
