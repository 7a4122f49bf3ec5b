// The agent's resident memory while it tails a log written at 1,000 events/s
// and ships it to a real ingest and worker, run as the container runs it
// (the single-file build, NODE_OPTIONS from apps/agent/Dockerfile), against
// an idle `node` process measured in the same run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEvents, RotatingLogWriter } from '@kubetrail/demo-fleet';
import { applyPolicy, parsePolicy, PRESETS } from '@kubetrail/policy';
import { startTestPlatform } from '../tests/support/platform';
import { REPO_ROOT, sleep, until } from '../tests/support/processes';

const RATE = Number(process.env.BENCH_AGENT_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_AGENT_SECONDS ?? 40);
// The environment the agent's image sets (apps/agent/Dockerfile), e.g. NODE_OPTIONS and MALLOC_ARENA_MAX.
const IMAGE_ENV = Object.fromEntries(
  [
    ...(/^ENV NODE_OPTIONS=.*$/m.exec(readFileSync(join(REPO_ROOT, 'apps/agent/Dockerfile'), 'utf8'))?.[0] ?? '')
      .slice(4)
      .matchAll(/(\w+)=(\S+)/g),
  ].map((m) => [m[1]!, m[2]!]),
);

const rssMb = (pid: number): number => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};

async function sample(child: ChildProcess, seconds: number, tick?: () => void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < seconds * 4; i++) {
    tick?.();
    await sleep(250);
    out.push(rssMb(child.pid!));
  }
  return out;
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

const build = spawnSync('npm', ['run', 'build', '-w', '@kubetrail/agent'], { cwd: REPO_ROOT, stdio: 'ignore' });
if (build.status !== 0) throw new Error('agent build failed');

const dir = mkdtempSync(join(tmpdir(), 'kt-agent-rss-'));
const platform = await startTestPlatform();
const children: ChildProcess[] = [];
try {
  const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { env: { ...process.env, ...IMAGE_ENV } });
  children.push(idle);
  await sleep(1_000);
  const idleRss = pct(await sample(idle, 3), 50);

  // The agent runs as a new cluster's would: applying the default (ACK) policy to every event.
  const cluster = await platform.newCluster('managed', 'ack');
  const ack = parsePolicy(PRESETS.ack);
  const logFile = join(dir, 'kubernetes.audit');
  const writer = new RotatingLogWriter({ path: logFile, maxSizeBytes: 100 * 1024 * 1024, maxBackups: 10 });
  const total = RATE * SECONDS;
  const end = new Date();
  const events = generateEvents({ profile: 'managed', seed: 3, count: total, start: new Date(end.getTime() - SECONDS * 1000), end });
  writer.write(events.slice(0, RATE));
  const agent = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_AGENT_WRAPPER ? [process.env.BENCH_AGENT_WRAPPER] : [join(REPO_ROOT, 'apps/agent/dist/kubetrail-agent.mjs')]),
      'tail',
      '--file',
      logFile,
      '--server',
      platform.ingestUrl,
      '--token',
      cluster.token,
      '--state-dir',
      join(dir, 'state'),
      ...(process.env.BENCH_AGENT_ARGS ?? '').split(' ').filter(Boolean),
    ],
    {
      env: { ...process.env, ...IMAGE_ENV, AGENT_BUNDLE: join(REPO_ROOT, 'apps/agent/dist/kubetrail-agent.mjs') },
      stdio: ['ignore', 'ignore', process.env.BENCH_AGENT_WRAPPER ? 'inherit' : 'ignore'],
    },
  );
  children.push(agent);
  let written = RATE;
  const started = Date.now();
  // Written in tenths of a second, at RATE events/s of wall-clock time.
  const samples = await sample(agent, SECONDS - 1, () => {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000 + 1) * RATE));
    if (due > written) {
      writer.write(events.slice(written, due));
      written = due;
    }
  });
  writer.close();
  const kept = events.slice(0, written).filter((e) => applyPolicy(ack, e) !== null).length;
  await until(async () => (await platform.countEvents(cluster.id)) >= kept, 60_000, 'agent caught up');
  const steady = samples.slice(Math.floor(samples.length / 4));
  console.log(
    `agent.rss.max MB=${Math.max(...steady).toFixed(1)} baseline.node-idle MB=${idleRss.toFixed(1)} ratio=${(Math.max(...steady) / idleRss).toFixed(2)} events/s=${RATE}`,
  );
  console.log(
    `agent.rss.p50 MB=${pct(steady, 50).toFixed(1)} baseline.node-idle MB=${idleRss.toFixed(1)} ratio=${(pct(steady, 50) / idleRss).toFixed(2)} events=${written} kept-by-policy=${kept} stored=${await platform.countEvents(cluster.id)}`,
  );
} finally {
  for (const c of children) c.kill('SIGKILL');
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
}
