/**
 * The values of one statement: everything that came from the user travels as
 * a parameter, never as SQL text. The same value with the same cast reuses
 * its parameter, so an expression compiled twice (a select item and its
 * GROUP BY) is the same SQL and PostgreSQL sees them as one expression.
 */
export class Params {
  readonly values: unknown[] = [];
  private readonly seen = new Map<string, string>();

  add(value: unknown, cast: string): string {
    const key = `${cast}\u0000${JSON.stringify(value)}`;
    const known = this.seen.get(key);
    if (known) return known;
    this.values.push(value);
    const ref = `$${this.values.length}::${cast}`;
    this.seen.set(key, ref);
    return ref;
  }
}

/** A PostgreSQL quoted identifier, for the output names users choose. */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
