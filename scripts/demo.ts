// `npm run demo`: the whole platform on this machine with a demo fleet of
// three simulated clusters whose audit logs are tailed by real agents.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCluster,
  createProject,
  createUser,
  issueToken,
  listClusters,
  resolveProject,
  RULE_TEMPLATES,
  saveRule,
  setUserPassword,
  type CoreDeps,
} from '@kubetrail/core';
import { createPool, createPrisma, MIGRATIONS_DIR, runMigrations } from '@kubetrail/db';
import { ensureServices } from './lib/services';
import { REPO_ROOT, startService, type Service } from '../tests/support/processes';
import { spawnLogged, waitForHttp } from './lib/demo-processes';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kubetrail';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const INGEST_PORT = process.env.INGEST_PORT ?? '4000';
const PORT = process.env.PORT ?? '3000';
const OWNER = 'owner@kubetrail.local';
const STATE = join(REPO_ROOT, '.kubetrail', 'demo');

const FLEET = [
  { name: 'prod-eu', type: 'managed', profile: 'managed', rate: 25 },
  { name: 'payments', type: 'dedicated', profile: 'dedicated', rate: 15 },
  { name: 'edge-registered', type: 'registered', profile: 'registered', rate: 8 },
] as const;

await ensureServices();
const migration = await runMigrations(DATABASE_URL, MIGRATIONS_DIR);
console.log(`kubetrail: database ${migration.database} ready (${migration.applied.length} migrations applied now)`);

const deps: CoreDeps = { db: createPrisma(DATABASE_URL), pool: createPool(DATABASE_URL, 2) };
const project = await resolveProject(deps, 'demo').catch(() => createProject(deps, 'demo'));
const password = `demo-${randomBytes(9).toString('base64url')}`;
await createUser(deps, { email: OWNER, password, project: project.id, role: 'owner' }).catch(() => setUserPassword(deps, OWNER, password));
const existing = await listClusters(deps, project.id);
const fleet = [];
for (const spec of FLEET) {
  const found = existing.find((c) => c.name === spec.name);
  const cluster = found ?? (await createCluster(deps, { project: project.id, name: spec.name, type: spec.type }));
  // Each start issues a fresh token; earlier ones stay valid until revoked.
  const { token } = await issueToken(deps, cluster.id);
  fleet.push({ ...spec, id: cluster.id, token });
}
// The seeds' exec rule, throttled per user so the simulated people's debugging does not flood the message center.
const execTemplate = RULE_TEMPLATES.find((t) => t.id === 'container-exec')!;
await saveRule(deps, project.id, { ...execTemplate.rule, groupBy: ['User account'], throttleMinutes: 60 });
await deps.db.$disconnect();
await deps.pool.end();

const webBuilt = existsSync(join(REPO_ROOT, 'apps', 'web', '.next', 'BUILD_ID'));
if (!webBuilt || process.env.DEMO_REBUILD === '1') {
  console.log('kubetrail: building the console …');
  await spawnLogged('build', 'npm', ['run', 'build', '-w', '@kubetrail/web'], {}, { wait: true });
}

// One key per demo install, kept beside its state, so channel secrets saved in one run open in the next.
const keyFile = join(STATE, 'secrets.key');
if (!existsSync(keyFile)) {
  mkdirSync(STATE, { recursive: true });
  writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
}
const KUBETRAIL_SECRETS_KEY = process.env.KUBETRAIL_SECRETS_KEY ?? readFileSync(keyFile, 'utf8').trim();
const env = { DATABASE_URL, REDIS_URL, INGEST_PORT, PORT, KUBETRAIL_SECRETS_KEY };
const services: Service[] = [];
const children: { kill(signal: NodeJS.Signals): unknown }[] = [];
services.push(startService('ingest', 'apps/ingest/src/main.ts', env), startService('worker', 'apps/worker/src/main.ts', env));
children.push(await spawnLogged('web', 'npm', ['run', 'start', '-w', '@kubetrail/web'], env));
await Promise.all([services[0]!.waitFor(/ingest listening/), services[1]!.waitFor(/worker started/)]);

for (const c of fleet) {
  const dir = join(STATE, c.name);
  mkdirSync(join(dir, 'log'), { recursive: true });
  const logFile = join(dir, 'log', 'kubernetes.audit');
  // A simulated kube-apiserver writing its audit log, with an hour of history first and small files so rotation happens.
  services.push(
    startService(
      `sim-${c.name}`,
      'apps/demo-fleet/src/main.ts',
      {},
      [
        '--dir',
        join(dir, 'log'),
        '--profile',
        c.profile,
        '--rate',
        String(c.rate),
        '--backfill-hours',
        '1',
        '--max-size-mb',
        '20',
        '--max-backups',
        '5',
      ],
      [],
    ),
  );
  services.push(
    startService(
      `agent-${c.name}`,
      'apps/agent/src/main.ts',
      { KUBETRAIL_TOKEN: c.token },
      [
        'tail',
        '--file',
        logFile,
        '--server',
        `http://127.0.0.1:${INGEST_PORT}`,
        '--state-dir',
        join(dir, 'agent'),
        '--kubernetes-version',
        c.profile === 'dedicated' ? 'v1.29.6' : 'v1.30.2',
      ],
      [],
    ),
  );
}
await waitForHttp(`http://127.0.0.1:${PORT}`, 120_000);

console.log(`
Kubetrail is running.
  console   http://localhost:${PORT}
  sign-in   ${OWNER} / ${password}
  ingest    http://localhost:${INGEST_PORT}  (/healthz, /metrics)
  clusters  ${fleet.map((c) => `${c.name} (${c.id})`).join(', ')}
  try       npx kubetrail cluster list --project demo
Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nkubetrail: stopping …');
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    services
      .slice()
      .reverse()
      .map((s) => s.kill('SIGTERM')),
  );
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
for (const s of services)
  s.child.on('exit', (code) => {
    if (!stopping) console.error(`kubetrail: ${s.name} exited (${code}):\n${s.output().slice(-2000)}`);
  });
