import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '@kubetrail/contracts/core';

/**
 * Two agents on one state dir would send the same spool twice under different
 * seqs. A pid file is enough here: a lock left by `kill -9` names a dead pid.
 */
export async function acquireStateLock(stateDir: string): Promise<() => Promise<void>> {
  const path = join(stateDir, 'agent.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return async () => {
        await unlink(path).catch(() => {});
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw new AppError('CONFLICT', `another agent (pid ${owner}) uses the state dir ${stateDir}; if none does, remove ${path}`);
    }
    await unlink(path).catch(() => {});
  }
  throw new AppError('CONFLICT', `cannot lock the state dir ${stateDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
