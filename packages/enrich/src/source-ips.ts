import { isIP } from 'node:net';

/**
 * Adds an event's source addresses (every hop) to a batch's set, for the
 * worker to locate. Only what PostgreSQL's inet reads: no IPv6 zone ids.
 */
export function collectSourceIps(sourceIPs: readonly string[] | undefined, into: Set<string>): void {
  if (!sourceIPs) return;
  for (const ip of sourceIPs) if (isIP(ip) && !ip.includes('%')) into.add(ip);
}
