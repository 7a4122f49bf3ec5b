import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '@kubetrail/contracts';
import { createLogger, type Logger } from '../../src/log';
import { backupName } from '../../src/tail/log-files';

export function tempDir(prefix = 'kubetrail-agent-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function makeEvent(id: string | number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  const now = new Date().toISOString();
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: `ev-${id}`,
    stage: 'ResponseComplete',
    requestURI: `/api/v1/namespaces/default/pods/p-${id}`,
    verb: 'get',
    user: { username: 'alice', groups: ['system:authenticated'] },
    sourceIPs: ['10.0.0.1'],
    objectRef: { resource: 'pods', namespace: 'default', name: `p-${id}`, apiVersion: 'v1' },
    responseStatus: { code: 200 },
    requestReceivedTimestamp: now,
    stageTimestamp: now,
    ...overrides,
  };
}

export const eventLine = (id: string | number, overrides: Partial<AuditEvent> = {}) => `${JSON.stringify(makeEvent(id, overrides))}\n`;

/** Writes the audit log the way kube-apiserver's lumberjack does: append, and rotate by rename + new file. */
export class LumberjackWriter {
  #clock = Date.UTC(2026, 10, 23, 17, 0, 0);

  constructor(readonly path: string) {
    writeFileSync(path, '');
  }

  write(text: string): void {
    appendFileSync(this.path, text);
  }

  /** Renames the active file to a timestamped backup and starts an empty one; returns the backup's path. */
  rotate(): string {
    this.#clock += 1234;
    const backup = backupName(this.path, new Date(this.#clock));
    renameSync(this.path, backup);
    writeFileSync(this.path, '');
    return backup;
  }
}

export interface CapturedLog {
  log: Logger;
  lines: Array<Record<string, unknown>>;
  has: (msg: string) => boolean;
}

export function captureLog(): CapturedLog {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { log, lines, has: (msg) => lines.some((l) => l.msg === msg) };
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
