import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Socket } from 'node:net';

/** True when something accepts TCP connections on host:port. */
export function isListening(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

async function waitFor(port: number, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await isListening(port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const run = (cmd: string) => spawnSync('sh', ['-c', cmd], { stdio: 'inherit' }).status === 0;

/** Starts the machine's PostgreSQL and Redis when they are down (the commands CI machines use). */
export async function ensureServices(): Promise<void> {
  if (!(await isListening(5432))) {
    console.log('kubetrail: PostgreSQL is down, starting it');
    const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
    if (versions.length === 0)
      throw new Error('PostgreSQL is not running on 127.0.0.1:5432 and is not installed here (apt-get install postgresql)');
    run(`pg_ctlcluster --skip-systemctl-redirect ${versions[0]} main start`);
    if (!(await waitFor(5432, 30))) throw new Error('PostgreSQL did not come up on 127.0.0.1:5432');
  }
  if (!(await isListening(6379))) {
    console.log('kubetrail: Redis is down, starting it');
    if (!run('command -v redis-server >/dev/null'))
      throw new Error('Redis is not running on 127.0.0.1:6379 and redis-server is not installed');
    run('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no');
    if (!(await waitFor(6379, 30))) throw new Error('Redis did not come up on 127.0.0.1:6379');
  }
}

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium for the browser tier (Playwright cannot download its own here). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  console.log('kubetrail: installing Chromium from Debian packages');
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  if (!run(`${sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq chromium >/dev/null`))
    throw new Error('could not install chromium (apt-get install chromium)');
}

export function commandExists(name: string): boolean {
  try {
    execSync(`command -v ${name}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
