-- Analytics queries run under their own role, inside a read-only transaction
-- (SET LOCAL ROLE kubetrail_query). The role may read audit_events only, and
-- row-level security shows it only the events of the clusters of the project
-- named by the transaction's `kubetrail.project_id` setting. The compiler
-- never emits anything but SELECT over the events, but this holds even if it
-- were bypassed: the role cannot see app tables or other projects' events,
-- cannot write, and cannot change the setting (set_config is revoked, and a
-- single parameterized statement cannot contain a SET).

-- Roles are shared by every database of the server (test suites make many):
-- create it once, tolerating a concurrent creator.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kubetrail_query') THEN
    CREATE ROLE kubetrail_query NOLOGIN NOINHERIT;
  END IF;
  -- The platform's own role switches to it for each query.
  IF NOT pg_has_role(current_user, 'kubetrail_query', 'MEMBER') THEN
    EXECUTE format('GRANT kubetrail_query TO %I', current_user);
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO kubetrail_query;
-- The parent table only: partitions are not granted, so they cannot be read
-- around the policy below.
GRANT SELECT ON "audit_events" TO kubetrail_query;

-- The current project's clusters, read with the owner's rights so the query
-- role needs no access to `clusters`. Looked up live: a cluster moved to
-- another project leaves the old one's queries at once.
CREATE FUNCTION kubetrail_project_clusters() RETURNS text[]
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
  SELECT coalesce(array_agg("id"), '{}')
  FROM "clusters"
  WHERE "project_id" = nullif(current_setting('kubetrail.project_id', true), '')
$$;
REVOKE ALL ON FUNCTION kubetrail_project_clusters() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kubetrail_project_clusters() TO kubetrail_query;

ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
-- The sub-select makes the lookup an init plan, run once per query, not per row.
CREATE POLICY "audit_events_project_scope" ON "audit_events"
  FOR SELECT TO kubetrail_query
  USING ("cluster_id" = ANY ((SELECT kubetrail_project_clusters())::text[]));

-- Without set_config a statement cannot widen its own scope.
REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO CURRENT_USER;
