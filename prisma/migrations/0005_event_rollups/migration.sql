-- Hourly event counts per cluster by the dimensions reports group on, kept
-- by the worker in the same transaction as the events, so they always equal
-- counts taken from audit_events. Reports over weeks read these instead of
-- scanning millions of events. NULL is a value here (an event without a
-- namespace), hence NULLS NOT DISTINCT.
CREATE TABLE "audit_events_hourly" (
    "cluster_id" TEXT NOT NULL,
    "hour" TIMESTAMPTZ NOT NULL,
    "verb" TEXT NOT NULL,
    "api_group" TEXT,
    "resource" TEXT,
    "subresource" TEXT,
    "namespace" TEXT,
    "username" TEXT,
    "user_kind" TEXT NOT NULL,
    "status_code" INTEGER,
    "events" BIGINT NOT NULL
);
CREATE UNIQUE INDEX "audit_events_hourly_key" ON "audit_events_hourly"
    ("cluster_id", "hour", "verb", "api_group", "resource", "subresource", "namespace", "username", "user_kind", "status_code")
    NULLS NOT DISTINCT;
CREATE INDEX "audit_events_hourly_hour_idx" ON "audit_events_hourly" ("hour");

-- The query role reads rollups under the same project scope as events.
GRANT SELECT ON "audit_events_hourly" TO kubetrail_query;
ALTER TABLE "audit_events_hourly" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "audit_events_hourly_project_scope" ON "audit_events_hourly"
  FOR SELECT TO kubetrail_query
  USING ("cluster_id" = ANY ((SELECT kubetrail_project_clusters())::text[]));
