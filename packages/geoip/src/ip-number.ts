import { isIPv4, isIPv6 } from 'node:net';

export function ipv4Number(ip: string): number {
  const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

/** An IPv6 address as its 128-bit number; `::` and a trailing dotted IPv4 part are expanded. */
export function ipv6Number(ip: string): bigint {
  let text = ip;
  const dotted = text.lastIndexOf(':');
  const tail = text.slice(dotted + 1);
  if (isIPv4(tail)) {
    const n = ipv4Number(tail);
    text = `${text.slice(0, dotted + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, g) => (n << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** An address PostgreSQL's inet and the databases both read: IPv4 or IPv6, without a zone id. */
export function addressFamily(ip: string): 4 | 6 | null {
  if (isIPv4(ip)) return 4;
  return isIPv6(ip) && !ip.includes('%') ? 6 : null;
}
