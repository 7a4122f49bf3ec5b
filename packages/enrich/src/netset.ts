import { isIP } from 'node:net';

export interface NetsetProblem {
  line: number;
  text: string;
}

const PREFIX = /^\d{1,3}$/;

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
    const [address, prefix, extra] = line.split('/');
    const family = isIP(address ?? '');
    const bits = family === 4 ? 32 : 128;
    const valid =
      family !== 0 &&
      extra === undefined &&
      (prefix === undefined || (PREFIX.test(prefix) && Number(prefix) <= bits)) &&
      !line.includes('%');
    if (valid) ranges.add(line);
    else problems.push({ line: i + 1, text: raw.slice(0, 200) });
  });
  return { ranges: [...ranges], problems };
}
