import type { AuditEvent } from '@kubetrail/contracts';
import { ClusterInventory } from './cluster-inventory';
import { toMicros } from './micro-time';
import { hashString, Rng } from './prng';
import { PROFILES, type ClusterProfile, type ProfileName } from './profiles';
import { toAuditEvents, type RequestSpec } from './request-spec';
import { humanShare } from './rhythm';
import { addOnScenario } from './scenarios/add-ons';
import { Identities, type Scenario, type SimContext } from './scenarios/context';
import { controlPlaneScenario } from './scenarios/control-plane';
import { humanScenario } from './scenarios/human';
import { kubeletScenario } from './scenarios/kubelet';
import { failedAuthScenario, probeScenario, scannerScenario } from './scenarios/outsiders';

export interface ClusterSimulatorOptions {
  profile: ProfileName;
  seed: number;
  /** Defaults to the profile's own name (prod-eu, payments, edge-registered). */
  clusterName?: string;
}

export interface ClusterSimulator {
  readonly profile: ClusterProfile;
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  /** The audit events of one request received at `now`: 1 to 3 stages sharing an auditID. */
  next(now: Date): AuditEvent[];
}

interface Pending {
  atMicros: number;
  order: number;
  spec: RequestSpec;
}

/**
 * A simulated kube-apiserver's audit stream. Deterministic: the same seed,
 * cluster name and sequence of `now` values give the same events.
 *
 * Some scenarios span several requests (kubectl exec reads the pod first; a
 * deleted pod is recreated by its controller). The later ones wait in a
 * queue and come out of subsequent `next` calls once their time has come,
 * stamped with their own time.
 */
export function createClusterSimulator(options: ClusterSimulatorOptions): ClusterSimulator {
  const profile = PROFILES[options.profile];
  const clusterName = options.clusterName ?? profile.defaultClusterName;
  const root = new Rng((options.seed ^ hashString(`${profile.name}/${clusterName}`)) >>> 0);
  const inventory = new ClusterInventory(profile, clusterName, root.fork('inventory'));
  const identities = new Identities(root.fork('identities'), profile);
  const rng = root.fork('traffic');
  const pending: Pending[] = [];
  let order = 0;

  const emit = (spec: RequestSpec, atMicros: number): AuditEvent[] => toAuditEvents(spec, rng.uuid(), atMicros);

  const schedule = (item: Pending) => {
    let i = pending.length;
    while (i > 0 && compare(pending[i - 1] as Pending, item) > 0) i--;
    pending.splice(i, 0, item);
  };

  return {
    profile,
    clusterName,
    kubernetesVersion: profile.kubernetesVersion,
    next(now: Date): AuditEvent[] {
      const nowMicros = toMicros(now) + rng.int(0, 999);
      const due = pending[0];
      if (due && due.atMicros <= nowMicros) {
        pending.shift();
        return emit(due.spec, due.atMicros);
      }
      const ctx: SimContext = { rng, inventory, profile, identities, nowMicros };
      for (;;) {
        const plan = pickScenario(ctx, now)(ctx).sort((a, b) => a.afterMs - b.afterMs);
        const [first, ...rest] = plan;
        if (!first) continue;
        for (const step of rest) {
          schedule({ atMicros: nowMicros + Math.round((step.afterMs - first.afterMs) * 1000), order: order++, spec: step.spec });
        }
        return emit(first.spec, nowMicros);
      }
    },
  };
}

function compare(a: Pending, b: Pending): number {
  return a.atMicros - b.atMicros || a.order - b.order;
}

/** Who speaks next: people by the hour of day, machines the rest of the time. */
function pickScenario(ctx: SimContext, now: Date): Scenario {
  const { rng, profile } = ctx;
  if (rng.chance(humanShare(now))) return humanScenario;
  return rng.weighted<Scenario>([
    [kubeletScenario, 38],
    [controlPlaneScenario, 30],
    [addOnScenario, 24],
    [scannerScenario, profile.exposure * 0.4],
    [probeScenario, profile.anonymousAuth ? 3 : 0],
    [failedAuthScenario, 1.2],
  ]);
}
