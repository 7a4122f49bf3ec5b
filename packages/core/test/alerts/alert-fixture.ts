import type { AuditEvent } from '@kubetrail/contracts';
import { at, BASE, ev } from '../query/query-fixture';

export const MINUTE = 60_000;
export { BASE };

/** A kubectl exec by `user` into a pod, `minute` minutes after BASE. */
export function execAt(minute: number, user = 'alice@example.com', pod = 'web-1'): AuditEvent {
  const ts = at(minute * MINUTE);
  return ev({
    verb: 'create',
    stage: 'ResponseStarted',
    requestURI: `/api/v1/namespaces/default/pods/${pod}/exec?command=sh&container=app&stdin=true&tty=true`,
    user: { username: user, groups: ['system:authenticated'] },
    objectRef: { resource: 'pods', subresource: 'exec', namespace: 'default', name: pod, apiVersion: 'v1' },
    responseStatus: { code: 101 },
    requestReceivedTimestamp: ts,
    stageTimestamp: ts,
  });
}

/** After every window of the first `minutes`, with the settle delay passed. */
export const after = (minutes: number) => new Date(BASE + minutes * MINUTE + 61_000);
