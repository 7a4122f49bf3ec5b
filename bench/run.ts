// `npm run bench`: every benchmark, one after the other (they would skew
// each other on a 2-core machine if run at once). Each prints its figures
// with the baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BENCHES = [
  'ingest.bench.ts',
  'agent-rss.bench.ts',
  'policy.bench.ts',
  'policy-replay.bench.ts',
  'query.bench.ts',
  'cluster-move.bench.ts',
  'retention.bench.ts',
];
let failed = false;
for (const bench of BENCHES) {
  console.log(`\n=== ${bench}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, bench)], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
