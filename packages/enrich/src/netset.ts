import { isIP } from 'node:net';

export interface NetsetProblem {
  line: number;
  text: string;
}

const PREFIX = /^\d{1,3}$/;

export interface Network {
  address: string;
  /** a bare address is a /32 or /128 */
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** An address or CIDR range (`10.0.0.0/8`, `fd00::/8`); undefined for anything else, zoned IPv6 included. */
export function parseNetwork(text: string): Network | undefined {
  const [address = '', prefix, extra] = text.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined || text.includes('%')) return undefined;
  const bits = family === 4 ? 32 : 128;
  if (prefix !== undefined && !(PREFIX.test(prefix) && Number(prefix) <= bits)) return undefined;
  return { address, prefix: prefix === undefined ? bits : Number(prefix), family: family === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * A list of risky addresses in the netset format threat feeds publish
 * (FireHOL and others): one address or CIDR range per line, `#` comments and
 * blank lines ignored. Every other line is reported by number, so a feed
 * that is not one is refused rather than half loaded.
 */
export function parseNetset(text: string): { ranges: string[]; problems: NetsetProblem[] } {
  const ranges = new Set<string>();
  const problems: NetsetProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    if (parseNetwork(line)) ranges.add(line);
    else problems.push({ line: i + 1, text: raw.slice(0, 200) });
  });
  return { ranges: [...ranges], problems };
}
