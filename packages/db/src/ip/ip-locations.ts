import type { Pool, PoolClient } from '../pool';

export interface IpLocationRow {
  ip: string;
  country: string | null;
  province: string | null;
  city: string | null;
  provider: string | null;
}

/**
 * Records where a cluster's source addresses are (migration 0004_ip_intel);
 * an address already recorded keeps its row unless `replace` is set, as a
 * refresh after a database update does.
 */
export async function upsertIpLocations(
  db: Pool | PoolClient,
  clusterId: string,
  rows: readonly IpLocationRow[],
  replace = false,
): Promise<number> {
  if (rows.length === 0) return 0;
  const conflict = replace
    ? `DO UPDATE SET country = EXCLUDED.country, province = EXCLUDED.province, city = EXCLUDED.city,
         provider = EXCLUDED.provider, located_at = now()`
    : 'DO NOTHING';
  const result = await db.query(
    `INSERT INTO ip_locations (cluster_id, ip, country, province, city, provider)
     SELECT $1, * FROM unnest($2::inet[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (cluster_id, ip) ${conflict}`,
    [
      clusterId,
      rows.map((r) => r.ip),
      rows.map((r) => r.country),
      rows.map((r) => r.province),
      rows.map((r) => r.city),
      rows.map((r) => r.provider),
    ],
  );
  return result.rowCount ?? 0;
}

/** Removes a cluster's recorded addresses that the databases no longer locate. */
export async function deleteIpLocations(db: Pool | PoolClient, clusterId: string, ips: readonly string[]): Promise<number> {
  if (ips.length === 0) return 0;
  const result = await db.query('DELETE FROM ip_locations WHERE cluster_id = $1 AND ip = ANY($2::inet[])', [clusterId, ips]);
  return result.rowCount ?? 0;
}

/**
 * Every source address in a cluster's stored events, each once, in pages:
 * what a refresh locates again (events stored before an address could be
 * located included).
 */
export async function* storedSourceIps(pool: Pool, clusterId: string, pageSize = 10_000): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const { rows } = await pool.query<{ ip: string }>(
      `SELECT DISTINCT ip FROM (
         SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(event -> 'sourceIPs') = 'array' THEN event -> 'sourceIPs' END) AS ip
         FROM audit_events WHERE cluster_id = $1
       ) AS s WHERE ip > $2 ORDER BY ip LIMIT $3`,
      [clusterId, after, pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => r.ip);
    after = rows.at(-1)!.ip;
  }
}

export async function countIpLocations(db: Pool | PoolClient): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM ip_locations');
  return Number(rows[0]!.n);
}
