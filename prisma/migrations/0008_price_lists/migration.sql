-- Each project's price list and monthly budget; a project without a row uses the defaults.
CREATE TABLE "price_lists" (
    "project_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "per_gb_ingested" DOUBLE PRECISION NOT NULL,
    "per_gb_month_stored" DOUBLE PRECISION NOT NULL,
    "per_million_events" DOUBLE PRECISION NOT NULL,
    "monthly_budget" DOUBLE PRECISION,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "price_lists_pkey" PRIMARY KEY ("project_id")
);
ALTER TABLE "price_lists" ADD CONSTRAINT "price_lists_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
