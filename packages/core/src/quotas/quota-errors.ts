import { AppError } from '@kubetrail/contracts';
import { QUOTA_FLAGS, QUOTA_LABELS, type QuotaName } from './quota-limits';

/** The quotas that cap how many of something exist (the ingest rate is a rate, refused with RATE_LIMITED). */
export type CountQuota = Exclude<QuotaName, 'ingestEventsPerSecond'>;

const COUNTED: Record<CountQuota, { noun: string; holder: 'user' | 'project' }> = {
  projectsPerUser: { noun: 'projects', holder: 'user' },
  clustersPerProject: { noun: 'clusters', holder: 'project' },
  alertRulesPerProject: { noun: 'alert rules', holder: 'project' },
};

export interface QuotaCheck {
  quota: CountQuota;
  limit: number;
  /** how many exist now, before the one being added */
  used: number;
  /** the user's email or the project's name, as the message names it */
  holder: string;
}

/** The command that raises the quota where it bites: projects per user is global only, the others per project. */
export function raiseQuotaCommand(quota: CountQuota, holder: string): string {
  return COUNTED[quota].holder === 'user'
    ? `kubetrail quota set ${QUOTA_FLAGS[quota]} N`
    : `kubetrail quota set --project ${holder} ${QUOTA_FLAGS[quota]} N`;
}

/** Throws QUOTA_EXCEEDED when adding one more would go beyond the limit; the message says how an operator raises it. */
export function assertWithinQuota({ quota, limit, used, holder }: QuotaCheck): void {
  if (used < limit) return;
  const { noun, holder: kind } = COUNTED[quota];
  throw new AppError(
    'QUOTA_EXCEEDED',
    `${kind} ${holder} already ${kind === 'user' ? 'owns' : 'has'} ${used} ${noun} (quota ${QUOTA_LABELS[quota]} = ${limit}); ` +
      `an operator can raise it with \`${raiseQuotaCommand(quota, holder)}\``,
    { quota, limit, used },
  );
}

export interface RateRefusal {
  clusterId: string;
  eventsPerSecond: number;
  /** events in the refused batch */
  events: number;
  retryAfterSeconds: number;
}

/** RATE_LIMITED for a batch over its cluster's ingest rate; `details.retryAfterSeconds` becomes the Retry-After header. */
export function rateLimited({ clusterId, eventsPerSecond, events, retryAfterSeconds }: RateRefusal): AppError {
  return new AppError(
    'RATE_LIMITED',
    `cluster ${clusterId} is over its ingest quota of ${eventsPerSecond} events/s (this batch: ${events} events); ` +
      `nothing was stored, retry after ${retryAfterSeconds} s. An operator can raise it with ` +
      `\`kubetrail quota set --cluster ${clusterId} ${QUOTA_FLAGS.ingestEventsPerSecond} N\``,
    { quota: 'ingestEventsPerSecond', limit: eventsPerSecond, events, retryAfterSeconds },
  );
}
