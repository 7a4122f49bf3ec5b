-- Alerts: channels, rules, and their history (evaluations, group states,
-- firings, delivery attempts), plus the in-app message center.
CREATE TABLE "alert_channels" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_channels_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "alert_channels_project_id_name_key" ON "alert_channels"("project_id", "name");

CREATE TABLE "alert_rules" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "query" TEXT NOT NULL,
    "cluster_ids" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "every_minutes" INTEGER NOT NULL,
    "window_minutes" INTEGER NOT NULL,
    "condition" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "group_by" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "throttle_minutes" INTEGER NOT NULL,
    "template" TEXT NOT NULL,
    "notify_recovery" BOOLEAN NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "detection_id" TEXT,
    "last_window_end" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alert_rules_schedule" CHECK (
        "every_minutes" BETWEEN 1 AND 1440 AND "window_minutes" >= "every_minutes" AND "window_minutes" <= 10080 AND "throttle_minutes" >= 0
    )
);
CREATE UNIQUE INDEX "alert_rules_project_id_name_key" ON "alert_rules"("project_id", "name");

CREATE TABLE "alert_rule_channels" (
    "rule_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    CONSTRAINT "alert_rule_channels_pkey" PRIMARY KEY ("rule_id","channel_id")
);
CREATE INDEX "alert_rule_channels_channel_id_idx" ON "alert_rule_channels"("channel_id");

CREATE TABLE "alert_evaluations" (
    "id" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "window_from" TIMESTAMPTZ(3) NOT NULL,
    "window_to" TIMESTAMPTZ(3) NOT NULL,
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rows" INTEGER NOT NULL,
    "matched" INTEGER NOT NULL,
    "fired" INTEGER NOT NULL,
    "skipped_windows" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    CONSTRAINT "alert_evaluations_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "alert_evaluations_rule_id_window_to_key" ON "alert_evaluations"("rule_id", "window_to");
CREATE INDEX "alert_evaluations_rule_id_evaluated_at_idx" ON "alert_evaluations"("rule_id", "evaluated_at");

CREATE TABLE "alert_group_states" (
    "rule_id" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "firing" BOOLEAN NOT NULL,
    "last_notified_at" TIMESTAMPTZ(3),
    CONSTRAINT "alert_group_states_pkey" PRIMARY KEY ("rule_id","group_key")
);

CREATE TABLE "alert_firings" (
    "id" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "evaluation_id" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "group_values" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "rows" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_firings_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "alert_firings_rule_id_created_at_idx" ON "alert_firings"("rule_id", "created_at");
CREATE INDEX "alert_firings_evaluation_id_idx" ON "alert_firings"("evaluation_id");

CREATE TABLE "alert_deliveries" (
    "id" TEXT NOT NULL,
    "firing_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "response_code" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "alert_deliveries_firing_id_channel_id_attempt_key" ON "alert_deliveries"("firing_id", "channel_id", "attempt");
CREATE INDEX "alert_deliveries_channel_id_idx" ON "alert_deliveries"("channel_id");

CREATE TABLE "alert_messages" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "firing_id" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_messages_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "alert_messages_firing_id_key" ON "alert_messages"("firing_id");
CREATE INDEX "alert_messages_project_id_created_at_idx" ON "alert_messages"("project_id", "created_at");

CREATE TABLE "alert_message_reads" (
    "message_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_message_reads_pkey" PRIMARY KEY ("message_id","user_id")
);
CREATE INDEX "alert_message_reads_user_id_idx" ON "alert_message_reads"("user_id");

ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_rule_channels" ADD CONSTRAINT "alert_rule_channels_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_rule_channels" ADD CONSTRAINT "alert_rule_channels_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_evaluations" ADD CONSTRAINT "alert_evaluations_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_group_states" ADD CONSTRAINT "alert_group_states_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_firings" ADD CONSTRAINT "alert_firings_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_firings" ADD CONSTRAINT "alert_firings_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "alert_evaluations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_firing_id_fkey" FOREIGN KEY ("firing_id") REFERENCES "alert_firings"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_messages" ADD CONSTRAINT "alert_messages_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_messages" ADD CONSTRAINT "alert_messages_firing_id_fkey" FOREIGN KEY ("firing_id") REFERENCES "alert_firings"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_message_reads" ADD CONSTRAINT "alert_message_reads_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "alert_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_message_reads" ADD CONSTRAINT "alert_message_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
