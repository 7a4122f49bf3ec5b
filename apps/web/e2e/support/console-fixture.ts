import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import type { AuditEvent, RoleName } from '@kubetrail/contracts';
import { createProject, createUser } from '@kubetrail/core';
import { eventList, post } from '../../../../tests/support/events';
import { startTestPlatform, type PlatformOptions, type TestPlatform } from '../../../../tests/support/platform';
import { startConsole } from './start-console';

export const PASSWORD = 'correct horse battery staple';
// Outside Playwright's output folder, which each run empties.
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-screenshots');

export interface ConsoleFixture {
  platform: TestPlatform;
  url: string;
  /** the platform's project, named `payments` here, and a second one */
  projectId: string;
  otherProjectId: string;
  /** a user of `role` in the payments project; the owner is also in the second project */
  user(role: RoleName): string;
  stop(): Promise<void>;
}

/** A real ingest, worker and console on a database of their own, with one user per role; `options` shape the platform (e.g. its alert tick). */
export async function startConsoleFixture(options: PlatformOptions = {}): Promise<ConsoleFixture> {
  const platform = await startTestPlatform(options);
  await platform.deps.db.project.update({ where: { id: platform.projectId }, data: { name: 'payments' } });
  const other = await createProject(platform.deps, 'search-team');
  const emails = {} as Record<RoleName, string>;
  for (const role of ['owner', 'admin', 'analyst', 'viewer'] as const) {
    emails[role] = `${role}@example.com`;
    await createUser(platform.deps, { email: emails[role], password: PASSWORD, project: platform.projectId, role });
  }
  const owner = await platform.deps.db.user.findUniqueOrThrow({ where: { email: emails.owner } });
  await platform.deps.db.membership.create({ data: { userId: owner.id, projectId: other.id, role: 'owner' } });
  const console_ = await startConsole(platform.database.url, platform.ingestUrl);
  return {
    platform,
    url: console_.url,
    projectId: platform.projectId,
    otherProjectId: other.id,
    user: (role) => emails[role],
    async stop() {
      await console_.stop();
      await platform.stop();
    },
  };
}

export async function signIn(page: Page, url: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clusters', level: 1 })).toBeVisible();
}

/** A picture of the console at 1440×900, in `apps/web/test-screenshots`, to look at after the run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** A new cluster of the fixture's project holding `events`, all stored when this returns. */
export async function clusterWith(f: ConsoleFixture, events: AuditEvent[]): Promise<{ id: string; token: string }> {
  const cluster = await f.platform.newCluster();
  const res = await post(`${f.platform.ingestUrl}/v1/webhook`, eventList(events), { token: cluster.token });
  expect(res.status).toBe(200);
  expect(await f.platform.waitForEvents(cluster.id, events.length)).toBe(events.length);
  return cluster;
}
