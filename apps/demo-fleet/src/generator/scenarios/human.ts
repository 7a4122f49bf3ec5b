import type { HumanRole } from '../profiles';
import { at, type PlannedRequest, type SimContext } from './context';
import { attach, exec, portForward, privilegedPod, readSecrets } from './human-access';
import { changeRbac, cordon, deleteObject, editConfigMap, impersonate, massDelete, rollout } from './human-changes';
import { browse, discovery, logs, watchPods } from './human-reads';
import { HumanSession } from './human-session';

type Action = (session: HumanSession) => PlannedRequest[];

const ACTIONS: { action: Action; weight: number; byRole?: Partial<Record<HumanRole, number>> }[] = [
  { action: discovery, weight: 6 },
  { action: browse, weight: 34 },
  { action: watchPods, weight: 1.5 },
  { action: logs, weight: 7 },
  { action: exec, weight: 4.5, byRole: { viewer: 2 } },
  { action: attach, weight: 0.4 },
  { action: portForward, weight: 1.5 },
  { action: readSecrets, weight: 5, byRole: { viewer: 3 } },
  { action: rollout, weight: 7, byRole: { viewer: 0.5 } },
  { action: editConfigMap, weight: 2.5, byRole: { viewer: 0.3 } },
  { action: deleteObject, weight: 5, byRole: { viewer: 0.5 } },
  { action: massDelete, weight: 0.35, byRole: { viewer: 0.1 } },
  { action: changeRbac, weight: 1.2, byRole: { developer: 0.4, viewer: 0.8 } },
  { action: privilegedPod, weight: 0.8, byRole: { viewer: 0.6 } },
  { action: cordon, weight: 0.5, byRole: { developer: 0.1, viewer: 0.1 } },
  { action: impersonate, weight: 0.3, byRole: { sre: 0, developer: 0, viewer: 0 } },
];

/** A person using kubectl, Lens or k9s against the cluster. */
export function humanScenario(ctx: SimContext): PlannedRequest[] {
  const { rng, profile } = ctx;
  const human = rng.weighted(profile.humans.map((h) => [h, h.weight] as const));
  const session = new HumanSession(ctx, human);
  const action = rng.weighted(ACTIONS.map((a) => [a.action, a.byRole?.[human.role] ?? a.weight] as const));
  const plan = action(session);
  return plan.length > 0 ? plan : [at(0, session.discovery('/version?timeout=32s'))];
}
