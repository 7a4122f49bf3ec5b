import { QueryError } from '../../errors';

// MySQL-style specifiers (as the dialect's date_format takes them) to
// PostgreSQL to_char patterns.
const SPECIFIERS: Record<string, string> = {
  Y: 'YYYY',
  y: 'YY',
  m: 'MM',
  c: 'FMMM',
  d: 'DD',
  D: 'FMDDth',
  e: 'FMDD',
  H: 'HH24',
  k: 'FMHH24',
  h: 'HH12',
  I: 'HH12',
  l: 'FMHH12',
  i: 'MI',
  s: 'SS',
  S: 'SS',
  f: 'US',
  p: 'AM',
  T: 'HH24:MI:SS',
  r: 'HH12:MI:SS AM',
  M: 'FMMonth',
  b: 'Mon',
  W: 'FMDay',
  a: 'Dy',
  j: 'DDD',
  '%': '%',
};

/** Translates a literal date_format pattern; literal text is quoted for to_char. */
export function toCharPattern(format: string, source: string, offset: number): string {
  let out = '';
  let literal = '';
  const flush = () => {
    if (literal) out += `"${literal.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    literal = '';
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      literal += ch;
      continue;
    }
    const spec = format[++i];
    const pattern = spec === undefined ? undefined : SPECIFIERS[spec];
    if (pattern === undefined) throw new QueryError(`date_format does not know the specifier %${spec ?? ''}`, source, offset);
    if (spec === '%') literal += '%';
    else {
      flush();
      out += pattern;
    }
  }
  flush();
  return out;
}
