import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/kubetrail.mjs', import.meta.url));

/** The CLI against the database `url()` names when called (suites create it in `before`). */
export function cliAgainst(url: () => string) {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: url() } });
  const json = (...args: string[]) => {
    const r = cli(...args, '--json');
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  return { cli, json };
}
