import { withTransaction, type Pool } from '../pool';

/** Replaces one list's ranges (a refresh of that feed) in one transaction; returns how many it now holds. */
export async function replaceRiskyRanges(pool: Pool, source: string, ranges: readonly string[]): Promise<number> {
  return withTransaction(pool, async (client) => {
    await client.query('DELETE FROM risky_ip_ranges WHERE source = $1', [source]);
    const result = await client.query(
      // network() drops host bits a feed may write (10.1.2.3/8), which cidr refuses.
      'INSERT INTO risky_ip_ranges (source, range) SELECT $1, network(r) FROM unnest($2::inet[]) AS r ON CONFLICT DO NOTHING',
      [source, ranges],
    );
    return result.rowCount ?? 0;
  });
}

export async function riskyRangeCounts(pool: Pool): Promise<{ source: string; ranges: number; loadedAt: string }[]> {
  const { rows } = await pool.query<{ source: string; ranges: string; loaded_at: Date }>(
    'SELECT source, count(*) AS ranges, max(loaded_at) AS loaded_at FROM risky_ip_ranges GROUP BY source ORDER BY source',
  );
  return rows.map((r) => ({ source: r.source, ranges: Number(r.ranges), loadedAt: r.loaded_at.toISOString() }));
}
