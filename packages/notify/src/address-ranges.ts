import { BlockList, isIP, isIPv4 } from 'node:net';

// First match names the address, so the narrow ranges come before those that contain them.
const RANGES: readonly { what: string; subnets: readonly string[] }[] = [
  // AWS, GCP and Azure (169.254.169.254, fd00:ec2::254), Alibaba Cloud (100.100.100.200)
  { what: 'the cloud metadata address', subnets: ['169.254.169.254/32', '100.100.100.200/32', 'fd00:ec2::254/128'] },
  { what: 'a loopback address', subnets: ['127.0.0.0/8', '::1/128'] },
  { what: 'an unspecified address', subnets: ['0.0.0.0/8', '::/128'] },
  { what: 'a link-local address', subnets: ['169.254.0.0/16', 'fe80::/10'] },
  { what: 'a private address', subnets: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10'] },
  { what: 'a carrier-grade NAT address', subnets: ['100.64.0.0/10'] },
  { what: 'a multicast address', subnets: ['224.0.0.0/4', 'ff00::/8'] },
  {
    what: 'a reserved address',
    subnets: [
      '192.0.0.0/24',
      '192.0.2.0/24',
      '198.18.0.0/15',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '240.0.0.0/4',
      // IPv4-compatible (deprecated), local-use NAT64, discard-only, documentation
      '::/96',
      '64:ff9b:1::/48',
      '100::/64',
      '2001:db8::/32',
    ],
  },
];

/**
 * IPv6 addresses that reach an IPv4 one: BlockList already matches
 * IPv4-mapped addresses (::ffff:10.0.0.1) against IPv4 subnets; NAT64
 * (64:ff9b::/96) and 6to4 (2002::/16) embed one too.
 */
function embeddings(subnet: string): string[] {
  const [address, prefix] = subnet.split('/') as [string, string];
  if (!isIPv4(address)) return [];
  const hex = address
    .split('.')
    .map((octet) => Number(octet).toString(16).padStart(2, '0'))
    .join('');
  return [`64:ff9b::${address}/${96 + Number(prefix)}`, `2002:${hex.slice(0, 4)}:${hex.slice(4)}::/${16 + Number(prefix)}`];
}

const LISTS = RANGES.map(({ what, subnets }) => {
  const list = new BlockList();
  for (const subnet of subnets.flatMap((s) => [s, ...embeddings(s)])) addSubnet(list, subnet);
  return { what, list };
});

function addSubnet(list: BlockList, subnet: string): void {
  const [address, prefix] = subnet.split('/') as [string, string];
  list.addSubnet(address, Number(prefix), isIPv4(address) ? 'ipv4' : 'ipv6');
}

/** Why the address must not be connected to (e.g. `a private address`), or undefined for a public one. */
export function nonPublicReason(address: string): string | undefined {
  const family = isIP(address);
  // BlockList.check answers false for what it cannot parse, which would pass it as public.
  if (family === 0) return 'not an IP address';
  return LISTS.find(({ list }) => list.check(address, family === 4 ? 'ipv4' : 'ipv6'))?.what;
}
