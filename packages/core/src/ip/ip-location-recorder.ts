import { upsertIpLocations, type IpLocationRow, type Pool } from '@kubetrail/db';
import type { IpLocation } from '@kubetrail/geoip';

export interface IpLocator {
  locate(ip: string): IpLocation | null;
}

const FOREIGN_KEY_VIOLATION = '23503';

export function locateAll(locator: IpLocator, ips: readonly string[]): { located: IpLocationRow[]; unknown: string[] } {
  const located: IpLocationRow[] = [];
  const unknown: string[] = [];
  for (const ip of ips) {
    const where = locator.locate(ip);
    if (where) located.push({ ip, ...where });
    else unknown.push(ip);
  }
  return { located, unknown };
}

/**
 * Records where each cluster's source addresses are as batches arrive, for
 * the ip_to_* query functions. A worker remembers what it has recorded, so a
 * busy cluster's few addresses cost one set lookup per batch; a restarted
 * worker records them again, which is harmless (existing rows are kept).
 */
export class IpLocationRecorder {
  private readonly recorded = new Set<string>();

  constructor(
    private readonly locator: IpLocator,
    private readonly maxRemembered = 200_000,
  ) {}

  async record(pool: Pool, clusterId: string, ips: readonly string[]): Promise<void> {
    const fresh = ips.filter((ip) => !this.recorded.has(`${clusterId} ${ip}`));
    if (fresh.length === 0) return;
    const { located } = locateAll(this.locator, fresh);
    try {
      await upsertIpLocations(pool, clusterId, located);
    } catch (error) {
      // The cluster was deleted since its batch was stored: nothing to locate for.
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) return;
      throw error;
    }
    if (this.recorded.size + fresh.length > this.maxRemembered) this.recorded.clear();
    for (const ip of fresh) this.recorded.add(`${clusterId} ${ip}`);
  }
}
