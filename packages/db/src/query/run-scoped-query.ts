import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Pool } from '../pool';

export interface SqlText {
  text: string;
  values: unknown[];
}

export interface ScopedQueryLimits {
  /** PostgreSQL cancels the statement after this long */
  timeoutMs: number;
  /** rows read at most; one more is read to tell whether the result was cut */
  maxRows: number;
}

export interface ScopedQueryResult {
  columns: string[];
  rows: unknown[][];
  /** true when the query had more than `maxRows` rows */
  truncated: boolean;
}

export class QueryTimeoutError extends Error {}

// The dialect's numbers are doubles: a decimal (a ratio, a rounded rate)
// reads as a JSON number, not the digit string pg gives by default.
const RESULT_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const QUERY_CANCELED = '57014';

/**
 * Runs one compiled query as the `kubetrail_query` role in a read-only
 * transaction scoped to a project (migration 0002_query_role): whatever the
 * SQL says, it sees only that project's events and can change nothing. Rows
 * are read through a cursor, so the row cap bounds memory too.
 */
export async function runScopedQuery(pool: Pool, projectId: string, sql: SqlText, limits: ScopedQueryLimits): Promise<ScopedQueryResult> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SELECT set_config('statement_timeout', $1, true), set_config('kubetrail.project_id', $2, true)`, [
      `${Math.max(1, Math.round(limits.timeoutMs))}ms`,
      projectId,
    ]);
    await client.query('SET LOCAL ROLE kubetrail_query');
    const cursor = client.query(new Cursor<unknown[]>(sql.text, sql.values, { rowMode: 'array', types: RESULT_TYPES }));
    try {
      const { rows, columns } = await readRows(cursor, limits.maxRows + 1);
      const truncated = rows.length > limits.maxRows;
      return { columns, rows: truncated ? rows.slice(0, limits.maxRows) : rows, truncated };
    } finally {
      await cursor.close().catch(() => {});
    }
  } catch (error) {
    if ((error as { code?: string }).code === QUERY_CANCELED)
      throw new QueryTimeoutError(`the query ran longer than ${limits.timeoutMs} ms and was cancelled`);
    throw error;
  } finally {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    client.release(broken);
  }
}

function readRows(cursor: Cursor<unknown[]>, n: number): Promise<{ rows: unknown[][]; columns: string[] }> {
  return new Promise((resolve, reject) =>
    cursor.read(n, (error, rows, result) => {
      if (error) reject(error);
      else resolve({ rows, columns: result.fields.map((f) => f.name) });
    }),
  );
}
