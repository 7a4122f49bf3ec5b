import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { AuditEvent } from '@kubetrail/contracts';

/** A plausible ResponseComplete event; `overrides` replace top-level fields. */
export function makeEvent(overrides: Partial<AuditEvent> & Record<string, unknown> = {}): AuditEvent {
  const at = new Date().toISOString().replace('Z', '000Z');
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/default/pods',
    verb: 'list',
    user: { username: 'alice@example.com', groups: ['devs', 'system:authenticated'] },
    sourceIPs: ['10.0.0.7'],
    userAgent: 'kubectl/v1.30.2 (linux/amd64) kubernetes/abcdef',
    objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: at,
    stageTimestamp: at,
    annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
    ...overrides,
  } as AuditEvent;
}

export const eventList = (items: unknown[]) => ({ apiVersion: 'audit.k8s.io/v1', kind: 'EventList', items });

export interface PostOptions {
  token?: string;
  gzip?: boolean;
  headers?: Record<string, string>;
}

/** POSTs a body (object → JSON, string/Buffer as is) and returns status, headers and parsed JSON. */
export async function post(url: string, body: unknown, opts: PostOptions = {}) {
  let data: Buffer = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.gzip) {
    data = gzipSync(data);
    headers['content-encoding'] = 'gzip';
  }
  const res = await fetch(url, { method: 'POST', headers, body: data });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json: json as Record<string, unknown> & { code?: string; message?: string }, text };
}
