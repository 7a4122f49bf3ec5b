-- IP intelligence for the dialect's ip_to_* and security_check_ip functions.
--
-- Locations come from the offline GeoIP databases, which only the platform's
-- processes can read: the worker records where each cluster's source
-- addresses are as their events arrive. Rows are per cluster, under the same
-- row-level security as the events, so a query can only learn about
-- addresses its own project has seen.
CREATE TABLE "ip_locations" (
    "cluster_id" TEXT NOT NULL REFERENCES "clusters" ("id") ON DELETE CASCADE,
    "ip" INET NOT NULL,
    "country" TEXT,
    "province" TEXT,
    "city" TEXT,
    "provider" TEXT,
    "located_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY ("cluster_id", "ip")
);
CREATE INDEX "ip_locations_ip_idx" ON "ip_locations" ("ip");

GRANT SELECT ON "ip_locations" TO kubetrail_query;
ALTER TABLE "ip_locations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "ip_locations_project_scope" ON "ip_locations"
  FOR SELECT TO kubetrail_query
  USING ("cluster_id" = ANY ((SELECT kubetrail_project_clusters())::text[]));

-- Invoker's rights, so the policy above applies to queries.
CREATE FUNCTION kt_ip_to_country(v text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT "country" FROM "ip_locations" WHERE "ip" = kt_try_inet(v) LIMIT 1 $$;
CREATE FUNCTION kt_ip_to_province(v text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT "province" FROM "ip_locations" WHERE "ip" = kt_try_inet(v) LIMIT 1 $$;
CREATE FUNCTION kt_ip_to_city(v text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT "city" FROM "ip_locations" WHERE "ip" = kt_try_inet(v) LIMIT 1 $$;
CREATE FUNCTION kt_ip_to_provider(v text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT "provider" FROM "ip_locations" WHERE "ip" = kt_try_inet(v) LIMIT 1 $$;

-- 'intranet' for addresses that never come from the Internet (private use,
-- shared CGNAT space, loopback, link-local, unique-local, unspecified),
-- 'internet' for the rest, 'invalid' for text that is not one address (a
-- list of them included, which is why the seeds also filter on `,`).
CREATE FUNCTION kt_ip_to_domain(v text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN v IS NULL THEN NULL
    WHEN a IS NULL OR masklen(a) <> CASE family(a) WHEN 4 THEN 32 ELSE 128 END THEN 'invalid'
    WHEN a <<= ANY ('{0.0.0.0/8,10.0.0.0/8,100.64.0.0/10,127.0.0.0/8,169.254.0.0/16,172.16.0.0/12,192.168.0.0/16,::/128,::1/128,fc00::/7,fe80::/10}'::inet[])
      THEN 'intranet'
    ELSE 'internet'
  END
  FROM (SELECT kt_try_inet(v) AS a) AS x
$$;

-- Listed risky addresses, by the list they came from. The platform ships
-- the bogon ranges (reserved for documentation, benchmarking, multicast or
-- future use, never a real client: a request from one is spoofed);
-- `kubetrail ipdb risky load` adds threat feeds and refreshes them. Not
-- project data, but queries reach it only through kt_security_check_ip.
CREATE TABLE "risky_ip_ranges" (
    "source" TEXT NOT NULL,
    "range" CIDR NOT NULL,
    "loaded_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY ("source", "range")
);
CREATE INDEX "risky_ip_ranges_range_idx" ON "risky_ip_ranges" USING gist ("range" inet_ops);
INSERT INTO "risky_ip_ranges" ("source", "range")
SELECT 'bogons', r::cidr FROM unnest(ARRAY[
  '192.0.0.0/24', '192.0.2.0/24', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
  '100::/64', '2001:db8::/32', '3fff::/20', 'ff00::/8'
]) AS r;

-- 1 when the address is listed, 0 otherwise, as the dialect answers.
CREATE FUNCTION kt_security_check_ip(v text) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
  SET search_path = public, pg_temp
AS $$ SELECT CASE WHEN EXISTS (SELECT 1 FROM "risky_ip_ranges" WHERE "range" >>= kt_try_inet(v)) THEN 1 ELSE 0 END $$;
