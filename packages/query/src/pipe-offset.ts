// A module of its own, free of the compiler, so the console can split a
// query in the browser by the dialect's own rule.

/** Where the search part ends: the first `|` outside a quoted value; -1 for a search alone. */
export function pipeOffset(source: string): number {
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '|' && !quoted) return i;
  }
  return -1;
}
