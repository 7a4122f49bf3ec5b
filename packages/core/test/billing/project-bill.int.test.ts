import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@kubetrail/contracts';
import { AppError } from '@kubetrail/contracts';
import { createPool, createPrisma } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import {
  batchJobFor,
  budgetAlert,
  checkBudgets,
  clusterUsage,
  createCluster,
  createProject,
  PartitionCache,
  policyWhatIf,
  projectBill,
  projectPrices,
  setProjectPrices,
  storeBatch,
  type CoreDeps,
} from '../../src/index';

let database: TestDatabase;
let deps: CoreDeps;
let projectId = '';
let clusterId = '';
const now = new Date();
const month = now.toISOString().slice(0, 7);

const event = (): AuditEvent => {
  const at = now.toISOString();
  return {
    level: 'Metadata',
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: '/api/v1/pods',
    verb: 'list',
    user: { username: 'a' },
    requestReceivedTimestamp: at,
    stageTimestamp: at,
  };
};

before(async () => {
  database = await createTestDatabase('kt_billing');
  deps = { db: createPrisma(database.url), pool: createPool(database.url, 2) };
  projectId = (await createProject(deps, 'payments')).id;
  clusterId = (await createCluster(deps, { project: projectId, name: 'prod', policyPreset: 'none' })).id;
  const cache = new PartitionCache();
  for (const n of [40, 60]) {
    const { job, rows } = batchJobFor(clusterId, Array.from({ length: n }, event), { batchId: randomUUID() });
    await storeBatch(deps.pool, cache, job, rows);
  }
});
after(async () => {
  await deps?.db.$disconnect();
  await deps?.pool.end();
  await database?.drop();
});

test('a project without a price list pays the defaults; owners set their own', async () => {
  assert.equal((await projectPrices(deps, projectId)).currency, 'USD');
  const prices = { currency: 'EUR', perGBIngested: 2000, perGBMonthStored: 100, perMillionEvents: 5000, monthlyBudget: 1 };
  const { before, after } = await setProjectPrices(deps, projectId, prices);
  assert.equal(before.currency, 'USD');
  assert.deepEqual(after, prices);
  await assert.rejects(
    setProjectPrices(deps, projectId, { ...prices, perGBIngested: -1 }),
    (e) => e instanceof AppError && /perGBIngested/.test(e.message),
  );
});

test('the bill is the price list applied to the metered usage', async () => {
  const prices = await projectPrices(deps, projectId);
  const [usage] = await clusterUsage(deps, { projectId, clusterId });
  assert.equal(usage!.eventsStored, 100);
  const bill = await projectBill(deps, { projectId, month, now });
  const [c] = bill.clusters;
  assert.equal(c!.events, 100);
  assert.equal(c!.ingestedGB, Math.round((usage!.ingestedBytes / 1e9) * 1e6) / 1e6);
  const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  // Today's partition has been held one day of the month so far.
  const storedGBMonth = usage!.storedBytes / 1e9 / daysInMonth;
  assert.equal(c!.storedGBMonth, Math.round(storedGBMonth * 1e6) / 1e6);
  const expected =
    (usage!.ingestedBytes / 1e9) * prices.perGBIngested + storedGBMonth * prices.perGBMonthStored + (100 / 1e6) * prices.perMillionEvents;
  assert.equal(c!.cost, Math.round(expected * 100) / 100);
  assert.equal(bill.total, c!.cost);
  assert.equal(bill.currency, 'EUR');
  assert.equal(bill.cumulative.at(-1)!.cost, bill.total);
  assert.deepEqual(bill.daily.at(-1), { day: now.toISOString().slice(0, 10), ingestedGB: usage!.ingestedBytes / 1e9, events: 100 });
  assert.ok(bill.projectedTotal >= bill.total);
  assert.equal(bill.overBudget, bill.projectedTotal > 1);
});

test('a what-if retention changes only the storage part; a bad month is refused', async () => {
  const base = await projectBill(deps, { projectId, month, now });
  const other = await projectBill(deps, { projectId, month, now, retentionDays: 1 });
  assert.equal(other.clusters[0]!.ingestedGB, base.clusters[0]!.ingestedGB);
  assert.ok(other.clusters[0]!.storedGBMonth <= base.clusters[0]!.storedGBMonth);
  await assert.rejects(projectBill(deps, { projectId, month: '2026-13' }), /not a month/);
});

const policy = (level: string) => `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: ${level}\n`;

test('a what-if policy is priced from the replay of the stored events', async () => {
  const input = { projectId, clusterId, month, sinceDays: 1, now: new Date(now.getTime() + 60_000) };
  const same = await policyWhatIf(deps, { ...input, source: policy('Metadata') });
  assert.equal(same.replayedEvents, 100);
  assert.equal(same.eventsPerDay.proposed, same.eventsPerDay.current);
  assert.equal(same.projectedCost.proposed, same.projectedCost.current);
  const bill = await projectBill(deps, { projectId, month, now: input.now });
  assert.equal(same.projectedCost.current, bill.projectedTotal, 'the only cluster: its projection is the project total');
  const none = await policyWhatIf(deps, { ...input, source: policy('None') });
  assert.equal(none.eventsPerDay.proposed, 0);
  assert.equal(none.gbPerMonth.proposed, 0);
  assert.equal(none.projectedCost.proposed, 0);
  assert.ok(none.projectedCost.current > 0);
  await assert.rejects(policyWhatIf(deps, { ...input, source: 'rules: [' }), (e) => e instanceof AppError && /line \d+/.test(e.message));
  const other = (await createProject(deps, 'elsewhere')).id;
  await assert.rejects(
    policyWhatIf(deps, { ...input, projectId: other, source: policy('None') }),
    (e) => e instanceof AppError && e.code === 'NOT_FOUND',
  );
});

test('a budget alert fires once when the projected month goes over the budget', async () => {
  const project = (await createProject(deps, 'budgeted')).id;
  const cluster = (await createCluster(deps, { project, name: 'prod', policyPreset: 'none' })).id;
  const { job, rows } = batchJobFor(cluster, Array.from({ length: 10 }, event), { batchId: randomUUID() });
  await storeBatch(deps.pool, new PartitionCache(), job, rows);
  const prices = { currency: 'USD', perGBIngested: 0, perGBMonthStored: 0, perMillionEvents: 1e6, monthlyBudget: 1e9 };
  await setProjectPrices(deps, project, prices);
  const mine = async () => (await checkBudgets(deps, { now })).filter((a) => a.projectId === project);
  // 10 events at 1 per event: under a budget of 1e9.
  assert.deepEqual(await mine(), []);
  assert.equal(await budgetAlert(deps, project, month), null);
  await setProjectPrices(deps, project, { ...prices, monthlyBudget: 5 });
  const fired = await mine();
  const bill = await projectBill(deps, { projectId: project, month, now });
  assert.deepEqual(
    fired.map((a) => [a.projectId, a.month, a.projectedTotal, a.monthlyBudget]),
    [[project, month, bill.projectedTotal, 5]],
  );
  assert.ok(bill.projectedTotal > 5);
  assert.deepEqual(await checkBudgets(deps, { now }), [], 'no project fires twice in a month');
  assert.equal((await budgetAlert(deps, project, month))?.projectedTotal, bill.projectedTotal);
});
