-- A project's month projected over its budget, recorded once per month when the hourly check first sees it.
CREATE TABLE "budget_alerts" (
    "project_id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "projected_total" DOUBLE PRECISION NOT NULL,
    "monthly_budget" DOUBLE PRECISION NOT NULL,
    "currency" TEXT NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "budget_alerts_pkey" PRIMARY KEY ("project_id","month")
);
ALTER TABLE "budget_alerts" ADD CONSTRAINT "budget_alerts_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
