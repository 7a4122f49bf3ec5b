import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@kubetrail/contracts';
import { createPool, createPrisma } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { GeoIp } from '@kubetrail/geoip';
import { batchJobFor, createCluster, createProject, IpLocationRecorder, PartitionCache, storeBatch, type CoreDeps } from '../../src/index';

export const HOUR = 3_600_000;
export const BASE = Date.parse('2026-11-20T08:00:00Z');
export const at = (offsetMs: number) => new Date(BASE + offsetMs).toISOString().replace('Z', '123Z');

let n = 0;
/** A complete audit event; `over` replaces top-level fields. */
export function ev(over: Partial<AuditEvent> & Record<string, unknown> = {}): AuditEvent {
  const ts = at(n++ * 1000);
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/default/pods',
    verb: 'list',
    user: { username: 'alice@example.com', groups: ['devs', 'system:authenticated'] },
    sourceIPs: ['10.0.0.7'],
    userAgent: 'kubectl/v1.30.2',
    objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' },
    responseStatus: { code: 200 },
    requestReceivedTimestamp: ts,
    stageTimestamp: ts,
    annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
    ...over,
  } as AuditEvent;
}

export interface QueryFixture {
  database: TestDatabase;
  deps: CoreDeps;
  project: string;
  otherProject: string;
  cluster: string;
  otherCluster: string;
  foreignCluster: string;
  store(clusterId: string, events: AuditEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** A database with two projects: `project` has two clusters, `otherProject` one. Stored batches' source addresses are located, as the worker does. */
export async function queryFixture(): Promise<QueryFixture> {
  const database = await createTestDatabase('kt_query');
  const deps: CoreDeps = { db: createPrisma(database.url), pool: createPool(database.url, 4) };
  const project = await createProject(deps, 'payments');
  const other = await createProject(deps, 'search-team');
  const make = (p: string, name: string) => createCluster(deps, { project: p, name, policyPreset: 'none' }).then((c) => c.id);
  const cache = new PartitionCache();
  const ipLocations = new IpLocationRecorder(new GeoIp());
  return {
    database,
    deps,
    project: project.id,
    otherProject: other.id,
    cluster: await make(project.id, 'prod'),
    otherCluster: await make(project.id, 'staging'),
    foreignCluster: await make(other.id, 'theirs'),
    async store(clusterId, events) {
      const b = batchJobFor(clusterId, events, { batchId: randomUUID() });
      await storeBatch(deps.pool, cache, b.job, b.rows);
      await ipLocations.record(deps.pool, clusterId, b.job.sourceIps);
    },
    async close() {
      await deps.db.$disconnect();
      await deps.pool.end();
      await database.drop();
    },
  };
}
