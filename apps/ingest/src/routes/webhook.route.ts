import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, EventListSchema, formatFieldPath } from '@kubetrail/contracts';
import { acceptBatch } from '@kubetrail/core';
import type { IngestDeps } from '../deps';
import { parseJson, readBody } from '../http/read-body';
import { sendJson } from '../http/respond';
import { countAccepted } from '../metrics';

/** The kube-apiserver webhook audit backend posts an EventList here. */
export async function handleWebhook(deps: IngestDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Authenticate before reading the body: an unauthenticated sender gets its 401 without us buffering megabytes.
  const identity = await deps.auth.authenticate(req.headers.authorization);
  deps.guard.check();
  const body = await readBody(req, deps.limits);
  deps.metrics.wireBytes.inc(body.wireBytes);
  const text = body.data.toString('utf8');
  const list = parseJson(text);
  if (typeof list !== 'object' || list === null || Array.isArray(list))
    throw new AppError('INVALID_EVENT', 'body must be an audit.k8s.io EventList object');
  // The envelope is checked here; the items one by one in acceptBatch, which names the failing item.
  const envelope = EventListSchema.pick({ apiVersion: true, kind: true }).safeParse(list);
  if (!envelope.success) {
    const issue = envelope.error.issues[0]!;
    throw new AppError('INVALID_EVENT', `${formatFieldPath(issue.path)}: ${issue.message}`);
  }
  const result = await acceptBatch(deps, deps.limits, {
    identity,
    items: (list as { items?: unknown }).items,
    listField: 'items',
    rawBody: text,
    wireBytes: body.wireBytes,
  });
  countAccepted(deps.metrics, result);
  sendJson(res, 200, { batchId: result.batchId, accepted: result.accepted, droppedByPolicy: result.droppedByPolicy });
}
