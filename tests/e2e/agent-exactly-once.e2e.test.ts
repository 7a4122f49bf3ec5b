import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testRedisUrl } from '@kubetrail/db/testing';
import { generateEvents, RotatingLogWriter } from '@kubetrail/demo-fleet';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { sleep, startService, until, type Service } from '../support/processes';
import { freePort } from '../support/free-port';

let platform: TestPlatform;
const services: Service[] = [];
const dir = mkdtempSync(join(tmpdir(), 'kt-e2e-agent-'));

before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  await Promise.all(services.map((s) => s.kill('SIGKILL')));
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('agent SIGKILL, ingest SIGKILL and log rotation while writing: every event stored exactly once', async () => {
  const cluster = await platform.newCluster();
  const logDir = join(dir, 'log');
  mkdirSync(logDir);
  const logFile = join(logDir, 'kubernetes.audit');
  const stateDir = join(dir, 'agent-state');
  const port = await freePort();
  const ingestEnv = {
    DATABASE_URL: platform.database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: platform.queuePrefix,
    INGEST_PORT: String(port),
    INGEST_HOST: '127.0.0.1',
    INGEST_AUTH_CACHE_MS: '200',
  };
  const startIngest = async () => {
    const ingest = startService('ingest', 'apps/ingest/src/main.ts', ingestEnv);
    services.push(ingest);
    await ingest.waitFor(/ingest listening/);
    return ingest;
  };
  const startAgent = async () => {
    const agent = startService(
      'agent',
      'apps/agent/src/main.ts',
      { KUBETRAIL_TOKEN: cluster.token },
      [
        'tail',
        '--file',
        logFile,
        '--server',
        `http://127.0.0.1:${port}`,
        '--state-dir',
        stateDir,
        '--batch-max-events',
        '200',
        '--batch-max-wait-ms',
        '200',
        '--poll-interval-ms',
        '50',
      ],
      [],
    );
    services.push(agent);
    // Kills count from the moment the agent follows the log: before that it
    // has not started, and a first start begins at the active file.
    await agent.waitFor(/"following file"|"resuming from checkpoint"/);
    return agent;
  };

  const end = new Date();
  const events = generateEvents({ profile: 'managed', seed: 42, count: 6_000, start: new Date(end.getTime() - 3_600_000), end });
  // Small files and no pruning: the log rotates about every 60 events, as
  // kube-apiserver's does at --audit-log-maxsize.
  const writer = new RotatingLogWriter({ path: logFile, maxSizeBytes: 64 * 1024, maxBackups: 0 });

  const CHUNK = 60;
  // The apiserver's log exists before the agent starts, as on a real control-plane node.
  writer.write(events.slice(0, CHUNK));
  let ingest = await startIngest();
  let agent = await startAgent();
  for (let i = CHUNK; i < events.length; i += CHUNK) {
    writer.write(events.slice(i, i + CHUNK));
    await sleep(15);
    const step = i / CHUNK;
    if (step === 25 || step === 70) {
      // kill -9 the agent mid-stream, then start it again on the same state
      await agent.kill('SIGKILL');
      agent = await startAgent();
    }
    if (step === 45) {
      // kill -9 the ingest; the agent keeps its batches spooled until it is back
      await ingest.kill('SIGKILL');
      await sleep(500);
      ingest = await startIngest();
    }
  }
  writer.close();
  assert.ok(readdirSync(logDir).length > 50, 'the log was rotated many times');

  await until(async () => (await platform.countEvents(cluster.id)) >= events.length, 90_000, 'all events stored').catch(async (error) => {
    const { writeFileSync } = await import('node:fs');
    services.forEach((s, i) => writeFileSync(`/tmp/kt-e2e-${i}-${s.name}.log`, s.output()));
    throw new Error(
      `${(error as Error).message}: ${await platform.countEvents(cluster.id)} of ${events.length}\n${agent.output().slice(-3000)}`,
    );
  });
  await sleep(1_500);
  const { rows } = await platform.deps.pool.query<{ n: number; distinct: number }>(
    'SELECT count(*) AS n, count(DISTINCT (audit_id, stage)) AS distinct FROM audit_events WHERE cluster_id = $1',
    [cluster.id],
  );
  assert.deepEqual(rows[0], { n: events.length, distinct: events.length }, 'each event once');

  // The agent's sequence numbers are gap-free: the record shows no batch missing.
  const seqs = await platform.deps.pool.query<{ stream_id: string; n: number; max: number; stored: number }>(
    'SELECT stream_id, count(*) AS n, max(seq) AS max, sum(event_count) AS stored FROM stored_batches WHERE cluster_id = $1 GROUP BY stream_id',
    [cluster.id],
  );
  assert.equal(seqs.rows.length, 1, 'one stream across agent restarts');
  assert.equal(seqs.rows[0]!.n, seqs.rows[0]!.max + 1);

  // What is stored is what the apiserver wrote.
  const stored = await platform.deps.pool.query<{ audit_id: string; stage: string; event: unknown }>(
    'SELECT audit_id, stage, event FROM audit_events WHERE cluster_id = $1',
    [cluster.id],
  );
  const byKey = new Map(stored.rows.map((r) => [`${r.audit_id}/${r.stage}`, r.event]));
  for (const e of events) assert.deepEqual(byKey.get(`${e.auditID}/${e.stage}`), JSON.parse(JSON.stringify(e)));

  assert.equal(await agent.kill('SIGTERM'), 0, 'SIGTERM: flush, checkpoint, exit 0');
});
