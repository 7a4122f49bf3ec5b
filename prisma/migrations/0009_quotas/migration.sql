-- Operator quotas. One row of defaults (id 1) plus optional overrides per
-- project and per cluster. Every limit is a positive integer: there is no
-- "unlimited" value, so a missing or zero value can never lift a limit; an
-- override's NULL means "use the default", and a missing defaults row means
-- the built-in defaults of packages/core/src/quotas.
CREATE TABLE "quota_defaults" (
    "id" INTEGER NOT NULL,
    "projects_per_user" INTEGER NOT NULL,
    "clusters_per_project" INTEGER NOT NULL,
    "alert_rules_per_project" INTEGER NOT NULL,
    "ingest_events_per_second" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "quota_defaults_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "quota_defaults_single_row" CHECK ("id" = 1),
    CONSTRAINT "quota_defaults_positive" CHECK (
        "projects_per_user" > 0 AND "clusters_per_project" > 0 AND "alert_rules_per_project" > 0 AND "ingest_events_per_second" > 0
    )
);
INSERT INTO "quota_defaults" ("id", "projects_per_user", "clusters_per_project", "alert_rules_per_project", "ingest_events_per_second")
VALUES (1, 20, 100, 200, 5000);

CREATE TABLE "project_quotas" (
    "project_id" TEXT NOT NULL,
    "clusters_per_project" INTEGER,
    "alert_rules_per_project" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "project_quotas_pkey" PRIMARY KEY ("project_id"),
    CONSTRAINT "project_quotas_positive" CHECK (
        ("clusters_per_project" IS NULL OR "clusters_per_project" > 0) AND ("alert_rules_per_project" IS NULL OR "alert_rules_per_project" > 0)
    )
);
ALTER TABLE "project_quotas" ADD CONSTRAINT "project_quotas_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "cluster_quotas" (
    "cluster_id" TEXT NOT NULL,
    "ingest_events_per_second" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cluster_quotas_pkey" PRIMARY KEY ("cluster_id"),
    CONSTRAINT "cluster_quotas_positive" CHECK ("ingest_events_per_second" > 0)
);
ALTER TABLE "cluster_quotas" ADD CONSTRAINT "cluster_quotas_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;
