import { readFileSync } from 'node:fs';

/**
 * Address ranges and the organisation announcing each (the ASN CSV:
 * `start,end,asn,organisation`, numeric addresses, ranges sorted and
 * disjoint), searched by bisection.
 */
export class AsnTable<N extends number | bigint> {
  private constructor(
    private readonly starts: N[],
    private readonly ends: N[],
    private readonly orgs: string[],
  ) {}

  static load<N extends number | bigint>(path: string, parse: (text: string) => N): AsnTable<N> {
    const starts: N[] = [];
    const ends: N[] = [];
    const orgs: string[] = [];
    const names = new Map<string, string>();
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line) continue;
      const first = line.indexOf(',');
      const second = line.indexOf(',', first + 1);
      const third = line.indexOf(',', second + 1);
      const org = unquote(line.slice(third + 1));
      starts.push(parse(line.slice(0, first)));
      ends.push(parse(line.slice(first + 1, second)));
      // Many ranges share an organisation: keep one copy of each name.
      orgs.push(names.get(org) ?? (names.set(org, org), org));
    }
    return new AsnTable(starts, ends, orgs);
  }

  provider(address: N): string | null {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid]! > address) high = mid - 1;
      else if (this.ends[mid]! < address) low = mid + 1;
      else return this.orgs[mid] || null;
    }
    return null;
  }
}

function unquote(field: string): string {
  return field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field;
}
