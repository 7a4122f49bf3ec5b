import { join } from 'node:path';
import { CliUsageError, parseCliOptions, USAGE, type CliOptions } from './cli-options';
import { createClusterSimulator } from './generator/cluster-simulator';
import { RotatingLogWriter } from './log-writer/rotating-log-writer';
import { FleetRunner } from './runner/fleet-runner';

const TICK_MS = 250;
// Backfill in slices so memory stays flat and a signal can interrupt it.
const BACKFILL_SLICE_MS = 60_000;

async function run(options: CliOptions): Promise<void> {
  const simulator = createClusterSimulator({
    profile: options.profile,
    seed: options.seed,
    ...(options.clusterName ? { clusterName: options.clusterName } : {}),
  });
  const path = join(options.dir, 'kubernetes.audit');
  const writer = new RotatingLogWriter({ path, maxSizeBytes: Math.round(options.maxSizeMb * 1024 * 1024), maxBackups: options.maxBackups });
  const startedAt = Date.now();
  const runner = new FleetRunner({
    simulator,
    sink: writer,
    ratePerSecond: options.rate,
    seed: options.seed,
    startMs: startedAt - options.backfillHours * 3_600_000,
  });
  const deadline = options.durationSec !== undefined ? startedAt + options.durationSec * 1000 : Infinity;

  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  process.stderr.write(
    `demo-fleet: ${simulator.clusterName} (${options.profile}, Kubernetes ${simulator.kubernetesVersion}) → ${path} at ~${options.rate} events/s` +
      (options.backfillHours > 0 ? `, backfilling ${options.backfillHours}h first` : '') +
      '\n',
  );

  for (let t = startedAt - options.backfillHours * 3_600_000; t < startedAt && !stopping && Date.now() < deadline; t += BACKFILL_SLICE_MS) {
    runner.advance(Math.min(t + BACKFILL_SLICE_MS, startedAt));
    await new Promise((resolve) => setImmediate(resolve));
  }

  while (!stopping && Date.now() < deadline) {
    runner.advance(Date.now());
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(TICK_MS, deadline - Date.now()))));
  }

  // In-flight long-running requests (open watches, exec sessions) are not written.
  runner.drain(Math.min(Date.now(), deadline));
  writer.close();
  process.stderr.write(`demo-fleet: wrote ${runner.eventsWritten} events, ${writer.stats.rotations} rotations\n`);
}

try {
  await run(parseCliOptions(process.argv.slice(2)));
  process.exit(0);
} catch (error) {
  if (error instanceof CliUsageError) {
    process.stderr.write(`demo-fleet: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  throw error;
}
