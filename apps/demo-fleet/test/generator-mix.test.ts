import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEvent } from '@kubetrail/contracts';
import { createClusterSimulator, generateEvents, PROFILE_NAMES } from '../src/generator/index';
import { DAY_END, DAY_START, isHuman, isPublicIPv4 } from './helpers';

const day = PROFILE_NAMES.flatMap((profile) => generateEvents({ profile, seed: 11, count: 5000, start: DAY_START, end: DAY_END }));
const managedDay = day.filter((_, i) => i < 5000);
const complete = day.filter((e) => e.stage === 'ResponseComplete');
const some = (events: AuditEvent[], predicate: (e: AuditEvent) => boolean, what: string, atLeast = 1) => {
  const n = events.filter(predicate).length;
  assert.ok(n >= atLeast, `expected at least ${atLeast} ${what}, found ${n}`);
};

test('commands executed in containers, with the exec alert shape', () => {
  some(
    day,
    (e) =>
      e.verb === 'create' &&
      e.objectRef?.subresource === 'exec' &&
      e.stage === 'ResponseStarted' &&
      /\/exec\?.*command=/.test(e.requestURI),
    'exec ResponseStarted events',
  );
  some(complete, (e) => e.objectRef?.subresource === 'exec' && e.responseStatus?.code === 101, 'completed exec sessions');
  some(day, (e) => e.objectRef?.subresource === 'attach' || e.objectRef?.subresource === 'portforward', 'attach or port-forward');
  some(day, (e) => e.objectRef?.subresource === 'log', 'log reads');
});

test('people reading Secrets', () => {
  some(complete, (e) => isHuman(e) && e.objectRef?.resource === 'secrets' && ['get', 'list'].includes(e.verb), 'secret reads by humans');
});

test('deletions, including a burst somewhere in the day', () => {
  some(complete, (e) => e.verb === 'delete' && isHuman(e), 'deletes by people');
  some(complete, (e) => e.verb === 'delete' && !isHuman(e), 'deletes by controllers');
  // Working hours, when people are most active, densely sampled.
  const simulator = createClusterSimulator({ profile: 'managed', seed: 11, clusterName: 'prod-eu' });
  const perMinute = new Map<string, number>();
  for (let i = 0; i < 8000; i++) {
    for (const e of simulator.next(new Date(Date.UTC(2026, 10, 23, 13) + i * 200))) {
      if (e.stage !== 'ResponseComplete' || (e.verb !== 'delete' && e.verb !== 'deletecollection') || !isHuman(e)) continue;
      const key = `${e.user.username}@${e.stageTimestamp.slice(0, 16)}`;
      perMinute.set(key, (perMinute.get(key) ?? 0) + (e.verb === 'deletecollection' ? 10 : 1));
    }
  }
  assert.ok(Math.max(0, ...perMinute.values()) >= 8, 'a person deleting many objects within a minute');
});

test('denials: 403 with a forbid decision, 401 with an empty user', () => {
  some(
    complete,
    (e) =>
      e.responseStatus?.code === 403 &&
      e.annotations?.['authorization.k8s.io/decision'] === 'forbid' &&
      e.responseStatus.reason === 'Forbidden',
    '403 forbid events',
  );
  some(complete, (e) => e.responseStatus?.code === 403 && isHuman(e), '403s for people');
  const unauthorized = day.filter((e) => e.responseStatus?.code === 401);
  assert.ok(unauthorized.length > 0, 'some 401s');
  for (const e of unauthorized) {
    assert.deepEqual(e.user, {});
    assert.equal(e.annotations, undefined, 'rejected before authorization');
  }
});

test('RBAC changes and privileged pods carry their bodies', () => {
  const bindings = complete.filter(
    (e) => e.objectRef?.resource === 'clusterrolebindings' && e.verb === 'create' && e.responseStatus?.code === 201,
  );
  assert.ok(bindings.length > 0, 'cluster-admin bindings created');
  for (const e of bindings) {
    assert.equal(e.level, 'RequestResponse');
    assert.ok(e.requestObject && e.responseObject);
  }
  some(
    complete,
    (e) => {
      const spec = (
        e.requestObject as
          { spec?: { containers?: { securityContext?: { privileged?: boolean } }[]; volumes?: { hostPath?: unknown }[] } } | undefined
      )?.spec;
      return (
        e.verb === 'create' &&
        e.level === 'Request' &&
        spec?.containers?.[0]?.securityContext?.privileged === true &&
        Boolean(spec.volumes?.[0]?.hostPath)
      );
    },
    'privileged hostPath pod creations',
  );
});

test('public source addresses for people and scanners, private ones inside the cluster', () => {
  some(complete, (e) => isHuman(e) && isPublicIPv4(e.sourceIPs?.[0] ?? ''), 'people on public addresses');
  some(complete, (e) => e.user.username === 'system:anonymous' && isPublicIPv4(e.sourceIPs?.[0] ?? ''), 'anonymous internet requests');
  for (const e of complete.filter((x) => x.user.username?.startsWith('system:node:')))
    assert.ok(!isPublicIPv4(e.sourceIPs?.[0] ?? ''), 'kubelets are in-cluster');
});

test('every request has RequestReceived and ResponseComplete; watches also ResponseStarted', () => {
  const stages = new Map<string, Set<string>>();
  for (const e of managedDay) stages.set(e.auditID, (stages.get(e.auditID) ?? new Set()).add(e.stage));
  let pairs = 0;
  for (const [id, set] of stages) {
    if (set.has('RequestReceived')) {
      assert.ok(set.has('ResponseComplete'), `${id} never completed`);
      pairs++;
    } else {
      // Failed authentication is logged once, at ResponseStarted, by the apiserver's fallback audit.
      assert.deepEqual([...set], ['ResponseStarted'], `${id} has ${[...set].join(',')}`);
    }
  }
  assert.ok(pairs > 2000);
  const watches = managedDay.filter((e) => e.verb === 'watch');
  assert.ok(watches.length > 0);
  const watchIds = new Set(watches.map((e) => e.auditID));
  for (const id of watchIds)
    assert.deepEqual([...(stages.get(id) ?? [])].sort(), ['RequestReceived', 'ResponseComplete', 'ResponseStarted']);
});

test('people are a larger share of requests at 14:00 UTC than at 03:00 UTC', () => {
  const share = (hour: number) => {
    const simulator = createClusterSimulator({ profile: 'managed', seed: 21, clusterName: 'prod-eu' });
    const base = Date.UTC(2026, 10, 23, hour);
    let humans = 0;
    let total = 0;
    for (let i = 0; i < 3000; i++) {
      const first = simulator.next(new Date(base + i * 1000))[0];
      if (!first) continue;
      total++;
      if (isHuman(first)) humans++;
    }
    return humans / total;
  };
  const afternoon = share(14);
  const night = share(3);
  assert.ok(afternoon > night * 2, `14:00 ${afternoon.toFixed(3)} vs 03:00 ${night.toFixed(3)}`);

  const perHour = (hour: number) =>
    managedDay.filter((e) => e.stage !== 'ResponseComplete' && Number(e.stageTimestamp.slice(11, 13)) === hour).length;
  assert.ok(perHour(14) > perHour(3), 'more traffic in the afternoon');
});

test('kubelets, controllers, add-ons, people and anonymous callers all appear', () => {
  const names = new Set(managedDay.map((e) => e.user.username ?? ''));
  for (const expected of [
    'system:kube-controller-manager',
    'system:kube-scheduler',
    'system:apiserver',
    'system:anonymous',
    'system:serviceaccount:kube-system:replicaset-controller',
    'system:serviceaccount:argocd:argocd-application-controller',
    'alice@example.com',
  ]) {
    assert.ok(names.has(expected), `missing ${expected}`);
  }
  assert.ok([...names].some((n) => n.startsWith('system:node:')));
  const dedicated = new Set(day.slice(5000, 10_000).map((e) => e.user.username));
  assert.ok(dedicated.has('kubernetes-admin'));
  const admin = day.find((e) => e.user.username === 'kubernetes-admin');
  assert.ok(admin?.user.groups?.includes('system:masters'));
  const paths = new Set(day.filter((e) => !e.objectRef).map((e) => e.requestURI.split('?')[0]));
  for (const p of ['/healthz', '/metrics', '/version', '/apis']) assert.ok(paths.has(p), `missing ${p}`);
});
