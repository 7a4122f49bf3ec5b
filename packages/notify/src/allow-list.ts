import { BlockList, isIP } from 'node:net';
import { parseNetwork, type Network } from '@kubetrail/enrich';
import { isHostOrIp, normalizeHost } from './hostname';

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

export function allowsHost(allowList: AllowList, hostname: string): boolean {
  return allowList.hosts.has(normalizeHost(hostname));
}

// Built once per list, not per delivery; the list itself stays plain data.
const blockLists = new WeakMap<AllowList, BlockList>();

export function allowsAddress(allowList: AllowList, address: string): boolean {
  let list = blockLists.get(allowList);
  if (!list) {
    list = new BlockList();
    for (const { address: network, prefix, family } of allowList.cidrs) list.addSubnet(network, prefix, family);
    blockLists.set(allowList, list);
  }
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}
