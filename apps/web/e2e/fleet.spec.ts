import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { AuditEvent } from '@kubetrail/contracts';
import { batchJobFor, createCluster, createProject, PartitionCache, recordHeartbeat, storeBatch, type CoreDeps } from '@kubetrail/core';
import { createPool, createPrisma } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { startConsole } from './start-console';

let database: TestDatabase;
let deps: CoreDeps;
let console_: { url: string; stop(): Promise<void> };
let prodId: string;

const event = (): AuditEvent => {
  const at = new Date(Date.now() - 60_000).toISOString();
  return {
    level: 'Metadata',
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: '/api/v1/pods',
    verb: 'list',
    user: { username: 'alice@example.com' },
    requestReceivedTimestamp: at,
    stageTimestamp: at,
  };
};

async function store(clusterId: string, n: number) {
  const { job, rows } = batchJobFor(clusterId, Array.from({ length: n }, event), { batchId: randomUUID() });
  await storeBatch(deps.pool, new PartitionCache(), job, rows);
}

test.beforeAll(async () => {
  database = await createTestDatabase('kt_web');
  deps = { db: createPrisma(database.url), pool: createPool(database.url, 2) };
  const project = await createProject(deps, 'payments');
  const prod = await createCluster(deps, { project: project.id, name: 'prod-eu', type: 'dedicated' });
  prodId = prod.id;
  const edge = await createCluster(deps, { project: project.id, name: 'edge' });
  await store(prod.id, 7);
  const token = await deps.db.clusterToken.findFirstOrThrow({ where: { clusterId: prod.id } });
  await recordHeartbeat(
    deps.db,
    { clusterId: prod.id, tokenId: token.id, auditEnabled: true, policy: null },
    { streamId: 'n1', agentVersion: '0.1.0', kubernetesVersion: 'v1.30.2', mode: 'tail', lagSeconds: 0, pendingBatches: 0 },
  );
  await deps.db.cluster.update({ where: { id: edge.id }, data: { auditEnabled: false } });
  console_ = await startConsole(database.url);
});

test.afterAll(async () => {
  await console_?.stop();
  await deps?.db.$disconnect();
  await deps?.pool.end();
  await database?.drop();
});

test('the fleet page lists clusters with their agent status and stored events', async ({ page }) => {
  await page.goto(console_.url);
  await expect(page.getByRole('heading', { name: 'Clusters' })).toBeVisible();
  const prod = page.locator('tr[data-cluster="prod-eu"]');
  await expect(prod.getByTestId('events-24h')).toHaveText('7');
  await expect(prod).toContainText('Healthy');
  await expect(prod).toContainText('v1.30.2');
  await expect(prod).toContainText('365 days');
  const edge = page.locator('tr[data-cluster="edge"]');
  await expect(edge).toContainText('Auditing disabled');
  await expect(edge.getByTestId('events-24h')).toHaveText('0');

  await store(prodId, 5);
  await page.reload();
  await expect(prod.getByTestId('events-24h')).toHaveText('12');
});
