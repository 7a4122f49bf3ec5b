import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';
import { isHostOrIp, normalizeHost } from './hostname';

interface Network {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** ALERT_ALLOWED_HOSTS: internal hosts and networks channels may be sent to despite the SSRF guard. */
export interface AllowList {
  hosts: ReadonlySet<string>;
  /** a bare address is a /32 or /128 */
  cidrs: readonly Network[];
}

/** Hostnames, IP addresses and CIDRs (`10.0.0.0/8`, `fd00::/8`), separated by commas or spaces. */
export function parseAllowedHosts(value: string): AllowList {
  const hosts = new Set<string>();
  const cidrs: Network[] = [];
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const normalized = normalizeHost(entry);
    const network = parseNetwork(normalized);
    if (network) cidrs.push(network);
    else if (isHostOrIp(normalized)) hosts.add(normalized);
    else throw new Error(`"${entry}" is neither a hostname nor an IP address or CIDR`);
  }
  return { hosts, cidrs };
}

function parseNetwork(value: string): Network | undefined {
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) && !address.includes('%') ? 'ipv6' : undefined;
  if (!family || rest.length > 0) return undefined;
  const bits = family === 'ipv4' ? 32 : 128;
  if (prefix === undefined) return { address, prefix: bits, family };
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits ? { address, prefix: Number(prefix), family } : undefined;
}

export function allowsHost(allowList: AllowList, hostname: string): boolean {
  return allowList.hosts.has(normalizeHost(hostname));
}

export function allowsAddress(allowList: AllowList, address: string): boolean {
  const list = new BlockList();
  for (const { address: network, prefix, family } of allowList.cidrs) list.addSubnet(network, prefix, family);
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}
