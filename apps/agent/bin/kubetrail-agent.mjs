#!/usr/bin/env node
// Runs the single-file build when it is up to date, else the TypeScript source through tsx,
// so `npx kubetrail-agent` works in development without a build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'kubetrail-agent.mjs');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = [join(root, 'src'), join(root, '..', '..', 'packages', 'contracts', 'src')];
const bundleIsFresh = existsSync(bundle) && statSync(bundle).mtimeMs >= Math.max(...sources.map(newestMtime));

if (bundleIsFresh) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'main.ts')).href);
}
