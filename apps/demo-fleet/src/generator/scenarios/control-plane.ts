import type { UserInfo } from '@kubetrail/contracts';
import { apiRequest, pathRequest, watchQuery, type Actor } from '../api-request';
import type { ResourceName } from '../api-resources';
import { allow, byClusterRoleBinding, serviceAccountSubject } from '../authorization';
import type { PodRecord } from '../cluster-inventory';
import { deletedStatus, deleteOptions, imageFor, jobObject, replicaPodObject } from '../objects';
import { conflict } from '../responses';
import { at, type PlannedRequest, type SimContext } from './context';
import { podStatusPatch } from './kubelet';

const COMPONENT_BINDING = (user: string) => byClusterRoleBinding(user, user, 'User', user);

function componentActor(ctx: SimContext, user: string, component: string, suffix: string, ipIndex = 0): Actor {
  const ips = ctx.profile.controlPlaneIps;
  return {
    user: { username: user, groups: ['system:authenticated'] },
    sourceIp: ips[ipIndex % ips.length] ?? '127.0.0.1',
    userAgent: ctx.identities.kubeAgent(component, suffix),
  };
}

/** kube-controller-manager runs each controller under its own service account. */
function controllerActor(ctx: SimContext, controller: string): { actor: Actor; authorization: ReturnType<typeof allow> } {
  return {
    actor: {
      user: ctx.identities.serviceAccount('kube-system', controller),
      sourceIp: ctx.profile.controlPlaneIps[0] ?? '127.0.0.1',
      userAgent: ctx.identities.kubeAgent('kube-controller-manager', `system:serviceaccount:kube-system:${controller}`),
    },
    authorization: byClusterRoleBinding(
      `system:controller:${controller}`,
      `system:controller:${controller}`,
      'ServiceAccount',
      serviceAccountSubject('kube-system', controller),
    ),
  };
}

/** Leader election: every replica polls the lease, only the leader renews it. */
function leaderElection(ctx: SimContext, user: string, component: string): PlannedRequest[] {
  const { rng } = ctx;
  const replicas = Math.max(1, ctx.profile.controlPlaneIps.length);
  const replica = rng.int(0, replicas - 1);
  const actor = componentActor(ctx, user, component, 'leader-election', replica);
  const target = { resource: 'leases' as const, namespace: 'kube-system', name: component };
  const opts = { authorization: COMPONENT_BINDING(user), query: 'timeout=5s' };
  const plan = [at(0, apiRequest(rng, actor, 'get', target, opts))];
  if (replica === 0) plan.push(at(rng.latency(3, 40), apiRequest(rng, actor, 'update', target, opts)));
  return plan;
}

const KCM_INFORMERS: ResourceName[] = [
  'pods',
  'nodes',
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'services',
  'endpointslices',
  'persistentvolumeclaims',
  'namespaces',
  'serviceaccounts',
  'secrets',
  'configmaps',
  'horizontalpodautoscalers',
  'leases',
  'customresourcedefinitions',
];
const SCHEDULER_INFORMERS: ResourceName[] = [
  'pods',
  'nodes',
  'persistentvolumeclaims',
  'persistentvolumes',
  'csinodes',
  'storageclasses',
  'namespaces',
];

function informerWatch(ctx: SimContext, user: string, component: string, resources: ResourceName[]): PlannedRequest[] {
  const { rng } = ctx;
  const actor = componentActor(ctx, user, component, 'shared-informers');
  const watch = watchQuery(rng, ctx.inventory.currentResourceVersion());
  return [at(0, apiRequest(rng, actor, 'watch', { resource: rng.pick(resources) }, { authorization: COMPONENT_BINDING(user), ...watch }))];
}

function apiserverSelf(ctx: SimContext): PlannedRequest[] {
  const { rng, identities } = ctx;
  const index = rng.int(0, identities.apiserverLeases.length - 1);
  const user: UserInfo = {
    username: 'system:apiserver',
    uid: identities.uidOf('system:apiserver'),
    groups: ['system:authenticated', 'system:masters'],
  };
  const actor: Actor = { user, sourceIp: '127.0.0.1', userAgent: identities.kubeAgent('kube-apiserver') };
  // system:masters is allowed before RBAC is consulted, so no reason is given.
  const authorization = allow('');
  if (rng.chance(0.7)) {
    const target = { resource: 'leases' as const, namespace: 'kube-system', name: identities.apiserverLeases[index] ?? 'apiserver' };
    return [at(0, apiRequest(rng, actor, 'update', target, { authorization }))];
  }
  if (rng.chance(0.5))
    return [
      at(
        0,
        apiRequest(
          rng,
          actor,
          'list',
          { resource: rng.pick(['namespaces', 'services', 'endpointslices'] as const) },
          { authorization, query: 'limit=500&resourceVersion=0' },
        ),
      ),
    ];
  return [at(0, pathRequest(rng, actor, '/apis?timeout=32s', authorization))];
}

/** A controller doing its routine writes: status updates, endpoint slices, scale checks. */
function controllerRoutine(ctx: SimContext): PlannedRequest[] {
  const { rng, inventory } = ctx;
  const workload = rng.pick(inventory.workloads);
  const kind = rng.weighted([
    ['endpointslice-controller', 5],
    ['deployment-controller', 3],
    ['replicaset-controller', 3],
    ['statefulset-controller', 1],
    ['daemon-set-controller', 1],
    ['horizontal-pod-autoscaler', 2],
    ['node-lifecycle-controller', 2],
    ['resourcequota-controller', 1],
    ['cronjob-controller', 1],
  ] as const);
  const { actor, authorization } = controllerActor(ctx, kind === 'node-lifecycle-controller' ? 'node-controller' : kind);
  const ns = workload.namespace;
  const status = (resource: ResourceName, name: string) => {
    const target = { resource, namespace: ns, name, subresource: 'status' };
    // Controllers race with each other; a few status writes lose.
    return apiRequest(rng, actor, 'update', target, { authorization, ...(rng.chance(0.03) ? { response: conflict(target) } : {}) });
  };
  switch (kind) {
    case 'endpointslice-controller':
      return [
        at(
          0,
          apiRequest(
            rng,
            actor,
            'update',
            { resource: 'endpointslices', namespace: ns, name: `${workload.name}-${rng.suffix(5)}` },
            { authorization, level: 'Metadata' },
          ),
        ),
      ];
    case 'deployment-controller':
      return [at(0, status('deployments', workload.name))];
    case 'replicaset-controller':
      return [at(0, status('replicasets', `${workload.name}-${workload.templateHash}`))];
    case 'statefulset-controller':
      return [at(0, status('statefulsets', workload.name))];
    case 'daemon-set-controller':
      return [at(0, status('daemonsets', workload.name))];
    case 'horizontal-pod-autoscaler':
      return [
        at(
          0,
          apiRequest(
            rng,
            actor,
            'get',
            { resource: 'deployments', namespace: ns, name: workload.name, subresource: 'scale' },
            { authorization },
          ),
        ),
      ];
    case 'node-lifecycle-controller':
      return [
        at(
          0,
          apiRequest(
            rng,
            actor,
            'list',
            { resource: 'pods' },
            { authorization, query: `fieldSelector=${encodeURIComponent(`spec.nodeName=${rng.pick(inventory.nodes).name}`)}&limit=500` },
          ),
        ),
      ];
    case 'resourcequota-controller':
      return [at(0, pathRequest(rng, actor, rng.pick(['/api?timeout=32s', '/apis?timeout=32s']), authorization))];
    case 'cronjob-controller':
      return cronJobRun(ctx);
  }
}

/** A CronJob firing: the Job, then its pod, then the scheduler's binding. */
function cronJobRun(ctx: SimContext): PlannedRequest[] {
  const { rng, inventory } = ctx;
  const cronJobs = inventory.workloads.filter((w) => w.kind === 'cronjob');
  if (cronJobs.length === 0) return [];
  const cron = rng.pick(cronJobs);
  const jobName = `${cron.name}-${Math.floor(ctx.nowMicros / 60_000_000)}`;
  const image = imageFor(cron.namespace, cron.name, '1.0.0');
  const cronCtl = controllerActor(ctx, 'cronjob-controller');
  const jobCtl = controllerActor(ctx, 'job-controller');
  const jobTarget = { resource: 'jobs' as const, namespace: cron.namespace, name: jobName };
  const finished = inventory.standalonePods(`${cron.name}-`);
  const pod = inventory.addStandalonePod(
    cron.namespace,
    `${jobName}-${rng.suffix(5)}`,
    rng.pick(inventory.workers.length > 0 ? inventory.workers : inventory.nodes).name,
  );
  const job = jobObject(cron.namespace, jobName, cron.name, image);
  const plan = [
    at(
      0,
      apiRequest(rng, cronCtl.actor, 'create', jobTarget, {
        authorization: cronCtl.authorization,
        requestObject: job,
        responseObject: job,
      }),
    ),
    at(rng.latency(20, 200), createReplicaPod(ctx, pod, jobCtl, '1.0.0')),
    ...bindAndStart(ctx, pod, 60),
  ];
  // Keep the last few runs, as successfulJobsHistoryLimit does; the rest are cleaned up.
  const oldest = finished.length >= 3 ? finished[0] : undefined;
  if (oldest) {
    inventory.removePod(oldest);
    plan.push(...cleanUpJob(ctx, oldest, 300));
  }
  return plan;
}

function cleanUpJob(ctx: SimContext, pod: PodRecord, afterMs: number): PlannedRequest[] {
  const { rng } = ctx;
  const jobName = pod.name.slice(0, pod.name.lastIndexOf('-'));
  const ttl = controllerActor(ctx, 'cronjob-controller');
  const gc = controllerActor(ctx, 'generic-garbage-collector');
  const jobTarget = { resource: 'jobs' as const, namespace: pod.namespace, name: jobName };
  const podTarget = { resource: 'pods' as const, namespace: pod.namespace, name: pod.name };
  return [
    at(
      afterMs,
      apiRequest(rng, ttl.actor, 'delete', jobTarget, {
        authorization: ttl.authorization,
        requestObject: deleteOptions(),
        responseObject: deletedStatus(jobName, 'jobs', rng.uuid(), 'batch'),
      }),
    ),
    at(
      afterMs + rng.latency(40, 500),
      apiRequest(rng, gc.actor, 'delete', podTarget, {
        authorization: gc.authorization,
        requestObject: deleteOptions(),
        responseObject: deletedStatus(pod.name, 'pods', pod.uid),
      }),
    ),
  ];
}

function createReplicaPod(ctx: SimContext, pod: PodRecord, controller: ReturnType<typeof controllerActor>, version: string) {
  const target = { resource: 'pods' as const, namespace: pod.namespace, name: pod.name };
  return apiRequest(ctx.rng, controller.actor, 'create', target, {
    authorization: controller.authorization,
    requestObject: replicaPodObject(pod, version),
  });
}

export function bindAndStart(ctx: SimContext, pod: PodRecord, afterMs: number): PlannedRequest[] {
  const { rng } = ctx;
  const scheduler = componentActor(ctx, 'system:kube-scheduler', 'kube-scheduler', 'scheduler', 1);
  const binding = { resource: 'pods' as const, namespace: pod.namespace, name: pod.name, subresource: 'binding' };
  const bindAt = afterMs + rng.latency(15, 400);
  return [
    at(
      bindAt,
      apiRequest(rng, scheduler, 'create', binding, {
        authorization: COMPONENT_BINDING('system:kube-scheduler'),
        response: { metadata: {}, code: 201 },
      }),
    ),
    at(bindAt + rng.latency(1800, 20_000), podStatusPatch(ctx, pod)),
  ];
}

/** What follows a pod deletion when a controller owns the pod: a new one is created, bound and started. */
export function podReplacement(ctx: SimContext, replacement: PodRecord | undefined, afterMs: number): PlannedRequest[] {
  if (!replacement) return [];
  const controller = controllerActor(
    ctx,
    {
      deployment: 'replicaset-controller',
      statefulset: 'statefulset-controller',
      daemonset: 'daemon-set-controller',
      cronjob: 'job-controller',
      standalone: 'job-controller',
    }[replacement.workload.kind],
  );
  const createAt = afterMs + ctx.rng.latency(30, 800);
  return [
    at(createAt, createReplicaPod(ctx, replacement, controller, `1.${ctx.rng.int(0, 40)}.0`)),
    ...bindAndStart(ctx, replacement, createAt),
  ];
}

/** kube-controller-manager, kube-scheduler, the apiserver's own loopback client and the controllers. */
export function controlPlaneScenario(ctx: SimContext): PlannedRequest[] {
  const choice = ctx.rng.weighted([
    ['kcm-lease', 9],
    ['scheduler-lease', 8],
    ['kcm-watch', 5],
    ['scheduler-watch', 2],
    ['apiserver', 5],
    ['controller', 12],
  ] as const);
  switch (choice) {
    case 'kcm-lease':
      return leaderElection(ctx, 'system:kube-controller-manager', 'kube-controller-manager');
    case 'scheduler-lease':
      return leaderElection(ctx, 'system:kube-scheduler', 'kube-scheduler');
    case 'kcm-watch':
      return informerWatch(ctx, 'system:kube-controller-manager', 'kube-controller-manager', KCM_INFORMERS);
    case 'scheduler-watch':
      return informerWatch(ctx, 'system:kube-scheduler', 'kube-scheduler', SCHEDULER_INFORMERS);
    case 'apiserver':
      return apiserverSelf(ctx);
    case 'controller':
      return controllerRoutine(ctx);
  }
}
