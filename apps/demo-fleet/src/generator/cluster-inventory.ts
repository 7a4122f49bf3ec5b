import type { Rng } from './prng';
import type { ClusterProfile, NamespaceDef, WorkloadKind } from './profiles';

const MAX_STANDALONE_PODS = 40;

export interface NodeRecord {
  name: string;
  ip: string;
  uid: string;
  controlPlane: boolean;
}

export interface WorkloadRecord {
  namespace: string;
  name: string;
  /** standalone: a bare pod nobody will recreate. */
  kind: WorkloadKind | 'standalone';
  replicas: number;
  /** pod-template-hash of the current ReplicaSet (deployments only). */
  templateHash: string;
  exposed: boolean;
}

export interface PodRecord {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  ip: string;
  workload: WorkloadRecord;
}

export interface NamedObject {
  namespace: string;
  name: string;
}

/**
 * The objects a simulated cluster holds, so requests name things that exist:
 * a kubelet watches the pods scheduled on it, people exec into real pods,
 * the replicaset-controller replaces the pod someone just deleted.
 */
export class ClusterInventory {
  readonly nodes: NodeRecord[] = [];
  readonly workloads: WorkloadRecord[] = [];
  readonly pods: PodRecord[] = [];
  readonly secrets: NamedObject[] = [];
  readonly configmaps: NamedObject[] = [];
  readonly namespaces: NamespaceDef[];
  private resourceVersion: number;
  private podIpCounter = 0;

  constructor(
    readonly profile: ClusterProfile,
    clusterName: string,
    private readonly rng: Rng,
  ) {
    this.namespaces = profile.namespaces;
    this.resourceVersion = rng.int(3_000_000, 90_000_000);
    for (const node of profile.controlPlaneNodes(clusterName)) this.nodes.push({ ...node, uid: rng.uuid(), controlPlane: true });
    for (let i = 0; i < profile.workerCount; i++) {
      this.nodes.push({ name: profile.workerName(i, clusterName), ip: profile.workerIp(i), uid: rng.uuid(), controlPlane: false });
    }
    for (const ns of profile.namespaces) this.populateNamespace(ns);
  }

  get workers(): NodeRecord[] {
    return this.nodes.filter((n) => !n.controlPlane);
  }

  /** Namespaces that hold applications, not the platform's own components. */
  get appNamespaces(): string[] {
    return this.namespaces.filter((ns) => ns.name !== 'kube-system').map((ns) => ns.name);
  }

  nextResourceVersion(): string {
    this.resourceVersion += this.rng.int(1, 40);
    return String(this.resourceVersion);
  }

  currentResourceVersion(): string {
    return String(this.resourceVersion);
  }

  podsOn(node: string): PodRecord[] {
    return this.pods.filter((p) => p.node === node);
  }

  podsIn(namespace: string): PodRecord[] {
    return this.pods.filter((p) => p.namespace === namespace);
  }

  namespaceDef(name: string): NamespaceDef | undefined {
    return this.namespaces.find((ns) => ns.name === name);
  }

  /** Removes a pod and, when a controller owns it, schedules its replacement. */
  deletePod(pod: PodRecord): PodRecord | undefined {
    this.removePod(pod);
    if (pod.workload.kind === 'cronjob' || pod.workload.kind === 'standalone') return undefined;
    const replacementName = pod.workload.kind === 'statefulset' ? pod.name : undefined;
    return this.addPod(pod.workload, replacementName, pod.workload.kind === 'daemonset' ? pod.node : undefined);
  }

  /** A one-off pod (debug shell, job run) that no controller recreates. */
  addStandalonePod(namespace: string, name: string, node: string): PodRecord {
    const workload: WorkloadRecord = { namespace, name, kind: 'standalone', replicas: 1, templateHash: '', exposed: false };
    const pod: PodRecord = { namespace, name, uid: this.rng.uuid(), node, ip: this.nextPodIp(node), workload };
    this.pods.push(pod);
    // A long live run must not grow without bound; the oldest leftovers go quietly.
    const standalone = this.pods.filter((p) => p.workload.kind === 'standalone');
    for (const stale of standalone.slice(0, Math.max(0, standalone.length - MAX_STANDALONE_PODS))) {
      this.pods.splice(this.pods.indexOf(stale), 1);
    }
    return pod;
  }

  /** Standalone pods whose name starts with the prefix, oldest first. */
  standalonePods(prefix: string): PodRecord[] {
    return this.pods.filter((p) => p.workload.kind === 'standalone' && p.name.startsWith(prefix));
  }

  removePod(pod: PodRecord): void {
    const index = this.pods.indexOf(pod);
    if (index >= 0) this.pods.splice(index, 1);
  }

  private populateNamespace(ns: NamespaceDef): void {
    this.configmaps.push({ namespace: ns.name, name: 'kube-root-ca.crt' });
    for (const def of ns.workloads) {
      const workload: WorkloadRecord = {
        namespace: ns.name,
        name: def.name,
        kind: def.kind,
        replicas: def.kind === 'daemonset' ? this.nodes.length : (def.replicas ?? 1),
        templateHash: this.rng.suffix(10),
        exposed: def.exposed ?? false,
      };
      this.workloads.push(workload);
      if (def.kind === 'daemonset') {
        for (const node of this.nodes) this.addPod(workload, undefined, node.name);
      } else if (def.kind === 'statefulset') {
        for (let i = 0; i < workload.replicas; i++) this.addPod(workload, `${def.name}-${i}`);
      } else if (def.kind === 'deployment') {
        for (let i = 0; i < workload.replicas; i++) this.addPod(workload);
      }
      this.configmaps.push({ namespace: ns.name, name: `${def.name}-config` });
      this.secrets.push({ namespace: ns.name, name: `sh.helm.release.v1.${def.name}.v${this.rng.int(1, 40)}` });
      if (workload.exposed) this.secrets.push({ namespace: ns.name, name: `${def.name}-tls` });
      if (this.rng.chance(0.4)) this.secrets.push({ namespace: ns.name, name: `${def.name}-db-credentials` });
    }
    if (ns.name !== 'kube-system') this.secrets.push({ namespace: ns.name, name: 'regcred' });
  }

  private addPod(workload: WorkloadRecord, fixedName?: string, fixedNode?: string): PodRecord {
    const name =
      fixedName ??
      (workload.kind === 'deployment'
        ? `${workload.name}-${workload.templateHash}-${this.rng.suffix(5)}`
        : workload.kind === 'cronjob'
          ? `${workload.name}-${this.rng.int(28_000_000, 29_999_999)}-${this.rng.suffix(5)}`
          : `${workload.name}-${this.rng.suffix(5)}`);
    const node = fixedNode ?? this.rng.pick(this.workers.length > 0 ? this.workers : this.nodes).name;
    const pod: PodRecord = { namespace: workload.namespace, name, uid: this.rng.uuid(), node, ip: this.nextPodIp(node), workload };
    this.pods.push(pod);
    return pod;
  }

  private nextPodIp(node: string): string {
    const nodeIndex = Math.max(
      0,
      this.nodes.findIndex((n) => n.name === node),
    );
    this.podIpCounter = (this.podIpCounter % 250) + 1;
    return `${this.profile.podCidrPrefix}.${128 + (nodeIndex % 120)}.${this.podIpCounter + 2}`;
  }
}
