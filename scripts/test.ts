// `npm test [tier …]`: static checks, unit, integration, end-to-end and
// browser tiers against real PostgreSQL, Redis and Chromium. Each tier can
// run alone: `npm test -- unit`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureServices } from './lib/services';
import { findTests, TIERS } from './lib/test-files';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ALL = ['static', 'unit', 'integration', 'e2e', 'browser'] as const;
type Tier = (typeof ALL)[number];
const requested = process.argv.slice(2).filter((a) => (ALL as readonly string[]).includes(a)) as Tier[];
const tiers: Tier[] = requested.length ? requested : [...ALL];

let passed = 0;
let failed = 0;

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function step(name: string, cmd: string, args: string[]) {
  console.log(`\n=== ${name}`);
  const code = await exec(cmd, args);
  if (code === 0) passed++;
  else {
    failed++;
    console.log(`✖ ${name} failed (exit ${code})`);
  }
}

/** Runs node's test runner over the tier's files; counts come from a TAP copy of the report. */
async function nodeTests(tier: keyof typeof TIERS) {
  const files = findTests(root, TIERS[tier]);
  console.log(`\n=== ${tier}: ${files.length} files`);
  if (files.length === 0) return;
  const tap = join(mkdtempSync(join(tmpdir(), 'kt-tap-')), `${tier}.tap`);
  const code = await exec(process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = readFileSync(tap, 'utf8');
  const p = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const f = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
  passed += p;
  failed += f + (code !== 0 && f === 0 ? 1 : 0);
}

if (tiers.some((t) => t !== 'static')) await ensureServices();
for (const tier of tiers) {
  if (tier === 'static') {
    await step('typecheck', 'npx', ['turbo', 'run', 'typecheck', '--concurrency=2', '--output-logs=errors-only']);
    await step('lint', 'npx', ['eslint', '.']);
    await step('format', 'npx', ['prettier', '--check', '--log-level=warn', '.']);
  } else if (tier === 'browser') {
    ensureChromium();
    await step('build console', 'npm', ['run', 'build', '-w', '@kubetrail/web']);
    await step('browser (Playwright)', 'npx', ['playwright', 'test', '-c', 'apps/web/playwright.config.ts']);
  } else await nodeTests(tier);
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
