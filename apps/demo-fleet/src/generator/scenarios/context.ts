import type { UserInfo } from '@kubetrail/contracts';
import type { ClusterInventory, PodRecord } from '../cluster-inventory';
import type { Rng } from '../prng';
import type { ClusterProfile } from '../profiles';
import type { RequestSpec } from '../request-spec';

/** A request and when it starts, relative to the first request of its scenario. */
export interface PlannedRequest {
  afterMs: number;
  spec: RequestSpec;
}

/** What a scenario may read or change while deciding the next requests. */
export interface SimContext {
  rng: Rng;
  inventory: ClusterInventory;
  profile: ClusterProfile;
  identities: Identities;
  nowMicros: number;
}

export type Scenario = (ctx: SimContext) => PlannedRequest[];

export const at = (afterMs: number, spec: RequestSpec): PlannedRequest => ({ afterMs, spec });

/**
 * Stable per-cluster identifiers (service account uids, lease names) so the
 * same account looks the same in every event of a run.
 */
export class Identities {
  private readonly uids = new Map<string, string>();
  readonly apiserverLeases: string[];

  constructor(
    private readonly rng: Rng,
    private readonly profile: ClusterProfile,
  ) {
    this.apiserverLeases = profile.controlPlaneIps.map(() => `apiserver-${rng.suffix(26)}`);
  }

  uidOf(key: string): string {
    let uid = this.uids.get(key);
    if (!uid) {
      uid = this.rng.uuid();
      this.uids.set(key, uid);
    }
    return uid;
  }

  /** The user-agent Kubernetes' own binaries send: component/version (os/arch) kubernetes/commit[/suffix]. */
  kubeAgent(component: string, suffix?: string): string {
    const base = `${component}/${this.profile.kubernetesVersion} (linux/amd64) kubernetes/${this.profile.gitCommit.slice(0, 7)}`;
    return suffix ? `${base}/${suffix}` : base;
  }

  /** A service account as authenticated from a token; bound tokens name the pod they were issued to. */
  serviceAccount(namespace: string, name: string, pod?: PodRecord): UserInfo {
    const user: UserInfo = {
      username: `system:serviceaccount:${namespace}:${name}`,
      uid: this.uidOf(`sa/${namespace}/${name}`),
      groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
    };
    if (pod) {
      user.extra = {
        'authentication.kubernetes.io/credential-id': [`JTI=${this.uidOf(`jti/${pod.uid}`)}`],
        'authentication.kubernetes.io/node-name': [pod.node],
        'authentication.kubernetes.io/node-uid': [this.uidOf(`node/${pod.node}`)],
        'authentication.kubernetes.io/pod-name': [pod.name],
        'authentication.kubernetes.io/pod-uid': [pod.uid],
      };
    }
    return user;
  }
}
