/** Longest query text accepted, in characters. */
export const MAX_QUERY_LENGTH = 64 * 1024;

/**
 * Deepest nesting of parentheses, operators and subqueries. The parser and
 * the compiler recurse, so this also keeps a hostile query from exhausting
 * the stack; real queries stay far below it.
 */
export const MAX_DEPTH = 100;

/** PostgreSQL truncates longer identifiers, which would make distinct column names collide. */
export const MAX_NAME_BYTES = 63;
