/**
 * Presto's JSONPath (`$.a.b[0]`, `$["a.b"]`, `$.items[*].name`) as a
 * PostgreSQL jsonpath with every key quoted, so any key the user writes is
 * data and the result always parses. Returns null when the path is not one.
 */
export function toJsonPath(path: string): string | null {
  const p = path.trim();
  if (!p.startsWith('$')) return null;
  let out = '$';
  let i = 1;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '.') {
      let j = i + 1;
      while (j < p.length && p[j] !== '.' && p[j] !== '[') j++;
      const key = p.slice(i + 1, j);
      if (key === '') return null;
      out += key === '*' ? '.*' : `.${JSON.stringify(key)}`;
      i = j;
    } else if (c === '[') {
      const close = readBracket(p, i);
      if (!close) return null;
      out += close.segment;
      i = close.end;
    } else return null;
  }
  return out;
}

function readBracket(p: string, open: number): { segment: string; end: number } | null {
  const quote = p[open + 1];
  if (quote === '"' || quote === "'") {
    let key = '';
    let i = open + 2;
    while (i < p.length && p[i] !== quote) {
      if (p[i] === '\\' && i + 1 < p.length) i++;
      key += p[i++];
    }
    if (p[i] !== quote || p[i + 1] !== ']') return null;
    return { segment: `.${JSON.stringify(key)}`, end: i + 2 };
  }
  const m = /^\[\s*(\d+|\*)\s*\]/.exec(p.slice(open));
  if (!m) return null;
  return { segment: `[${m[1]}]`, end: open + m[0].length };
}
