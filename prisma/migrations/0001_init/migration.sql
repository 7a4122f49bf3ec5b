-- App data (mirrors prisma/schema.prisma; a test checks they agree).
CREATE TYPE "role" AS ENUM ('owner', 'admin', 'analyst', 'viewer');
CREATE TYPE "cluster_type" AS ENUM ('managed', 'dedicated', 'serverless', 'registered');

CREATE TABLE "projects" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "projects_name_key" ON "projects"("name");

CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "memberships" (
    "user_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "role" "role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "memberships_pkey" PRIMARY KEY ("user_id", "project_id")
);
CREATE INDEX "memberships_project_id_idx" ON "memberships"("project_id");
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "clusters" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "cluster_type" NOT NULL DEFAULT 'managed',
    "audit_enabled" BOOLEAN NOT NULL DEFAULT true,
    "retention_days" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "clusters_project_id_name_key" ON "clusters"("project_id", "name");
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "cluster_tokens" (
    "id" TEXT NOT NULL,
    "cluster_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    CONSTRAINT "cluster_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "cluster_tokens_token_hash_key" ON "cluster_tokens"("token_hash");
CREATE INDEX "cluster_tokens_cluster_id_idx" ON "cluster_tokens"("cluster_id");
ALTER TABLE "cluster_tokens" ADD CONSTRAINT "cluster_tokens_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "cluster_policies" (
    "cluster_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cluster_policies_pkey" PRIMARY KEY ("cluster_id")
);
ALTER TABLE "cluster_policies" ADD CONSTRAINT "cluster_policies_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "agent_heartbeats" (
    "cluster_id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "agent_version" TEXT NOT NULL,
    "kubernetes_version" TEXT,
    "mode" TEXT NOT NULL,
    "lag_seconds" DOUBLE PRECISION NOT NULL,
    "pending_batches" INTEGER NOT NULL,
    "last_seq" INTEGER,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "agent_heartbeats_pkey" PRIMARY KEY ("cluster_id", "stream_id")
);
ALTER TABLE "agent_heartbeats" ADD CONSTRAINT "agent_heartbeats_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "stored_batches" (
    "batch_id" TEXT NOT NULL,
    "cluster_id" TEXT NOT NULL,
    "stream_id" TEXT,
    "seq" INTEGER,
    "event_count" INTEGER NOT NULL,
    "stored_count" INTEGER NOT NULL,
    "ingested_bytes" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "stored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stored_batches_pkey" PRIMARY KEY ("batch_id")
);
CREATE INDEX "stored_batches_cluster_id_stream_id_seq_idx" ON "stored_batches"("cluster_id", "stream_id", "seq");
ALTER TABLE "stored_batches" ADD CONSTRAINT "stored_batches_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Audit events: LIST by cluster, then RANGE by day (UTC) of stageTimestamp, so
-- retention and cluster deletion are partition drops and each cluster's
-- stored bytes are its partitions' sizes. Partitions are created by the
-- worker (packages/db/src/events/partitions.ts), ahead of time and on demand.
-- No foreign key to clusters: partitioned tables referencing app data would
-- make dropping partitions take locks on app tables.
CREATE TABLE "audit_events" (
    "cluster_id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ NOT NULL,
    "request_received_at" TIMESTAMPTZ NOT NULL,
    "audit_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "verb" TEXT NOT NULL,
    "request_uri" TEXT NOT NULL,
    "username" TEXT,
    "user_groups" TEXT[],
    "user_kind" TEXT NOT NULL,
    "impersonated_user" TEXT,
    "namespace" TEXT,
    "resource" TEXT,
    "subresource" TEXT,
    "object_name" TEXT,
    "api_group" TEXT,
    "api_version" TEXT,
    "status_code" INTEGER,
    "source_ip" INET,
    "user_agent" TEXT,
    "decision" TEXT,
    "event" JSONB NOT NULL,
    "event_bytes" INTEGER NOT NULL,
    "batch_id" TEXT NOT NULL,
    "ingested_at" TIMESTAMPTZ NOT NULL DEFAULT now()
) PARTITION BY LIST ("cluster_id");
-- The (cluster, auditID, stage) identity; a partitioned unique index must
-- include the partition keys, and a re-sent event carries the same ts.
CREATE UNIQUE INDEX "audit_events_identity_key" ON "audit_events"("audit_id", "stage", "ts", "cluster_id");
CREATE INDEX "audit_events_ts_idx" ON "audit_events"("ts");
