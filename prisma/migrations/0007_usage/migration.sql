-- Usage metering: per cluster per UTC day (the day the ingest received the
-- batch), added to by the worker in the transaction that stores the batch.
CREATE TABLE "usage_daily" (
    "cluster_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "events_received" BIGINT NOT NULL DEFAULT 0,
    "events_stored" BIGINT NOT NULL DEFAULT 0,
    "dropped_by_policy" BIGINT NOT NULL DEFAULT 0,
    "ingested_bytes_wire" BIGINT NOT NULL DEFAULT 0,
    "ingested_bytes_raw" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "usage_daily_pkey" PRIMARY KEY ("cluster_id", "day")
);
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;
