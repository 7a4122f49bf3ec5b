import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../../tests/support/processes';

/** Runs a command from the repository root, prefixing its output with `name`. */
export function spawnLogged(
  name: string,
  cmd: string,
  args: string[],
  env: Record<string, string>,
  opts: { wait?: boolean } = {},
): Promise<ChildProcess> {
  const child = spawn(cmd, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (d: Buffer) => process.stdout.write(d.toString().replace(/^(?=.)/gm, `[${name}] `));
  child.stdout!.on('data', prefix);
  child.stderr!.on('data', prefix);
  if (!opts.wait) return Promise.resolve(child);
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(child) : reject(new Error(`${name} failed with exit code ${code}`)))),
  );
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
