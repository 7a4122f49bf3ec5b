import { AppError } from '@kubetrail/contracts';
import {
  countIpLocations,
  deleteIpLocations,
  replaceRiskyRanges,
  riskyRangeCounts,
  storedSourceIps,
  upsertIpLocations,
} from '@kubetrail/db';
import { parseNetset } from '@kubetrail/enrich';
import type { CoreDeps } from '../shared/deps';
import { locateAll, type IpLocator } from './ip-location-recorder';

const SOURCE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/**
 * Replaces one risky-address list (a threat feed in netset format) with the
 * given text; security_check_ip answers from every list loaded.
 */
export async function loadRiskyList(deps: CoreDeps, source: string, text: string): Promise<{ source: string; ranges: number }> {
  if (!SOURCE_NAME.test(source))
    throw new AppError('BAD_REQUEST', `list name "${source.slice(0, 80)}" must be lower-case letters, digits, '.', '_' or '-'`);
  const { ranges, problems } = parseNetset(text);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).map((p) => `line ${p.line}: "${p.text}"`);
    throw new AppError(
      'BAD_REQUEST',
      `not an address or CIDR range: ${shown.join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    );
  }
  if (ranges.length === 0) throw new AppError('BAD_REQUEST', 'the list holds no address or range');
  return { source, ranges: await replaceRiskyRanges(deps.pool, source, ranges) };
}

/**
 * Locates every source address of every cluster's stored events again: after
 * the GeoIP packages are updated, or for events stored before the worker
 * located addresses.
 */
export async function refreshIpLocations(
  deps: CoreDeps,
  locator: IpLocator,
): Promise<{ clusters: number; addresses: number; located: number }> {
  const clusters = await deps.db.cluster.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  let addresses = 0;
  let locatedCount = 0;
  for (const { id } of clusters)
    for await (const page of storedSourceIps(deps.pool, id)) {
      const { located, unknown } = locateAll(locator, page);
      await upsertIpLocations(deps.pool, id, located, true);
      await deleteIpLocations(deps.pool, id, unknown);
      addresses += page.length;
      locatedCount += located.length;
    }
  return { clusters: clusters.length, addresses, located: locatedCount };
}

/**
 * `geoip` is the caller's GeoIP data versions: core takes no runtime import
 * of the databases' package, so the console's bundle never includes them.
 */
export async function ipIntelStatus(deps: CoreDeps, geoip: Record<string, string>) {
  return { geoip, locatedAddresses: await countIpLocations(deps.pool), riskyLists: await riskyRangeCounts(deps.pool) };
}
