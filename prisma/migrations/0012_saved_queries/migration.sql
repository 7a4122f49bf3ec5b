-- Saved queries: a project's named searches for the console's search page.
-- The checks repeat the contract's bounds (packages/contracts/src/saved-queries.ts)
-- so a row written around the console keeps them as well.
CREATE TABLE "saved_queries" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "saved_queries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "saved_queries_name" CHECK (char_length("name") BETWEEN 1 AND 100 AND "name" !~ '[\x01-\x1f\x7f]'),
    CONSTRAINT "saved_queries_query" CHECK (char_length("query") BETWEEN 1 AND 20000)
);
CREATE UNIQUE INDEX "saved_queries_project_id_name_key" ON "saved_queries"("project_id", "name");

ALTER TABLE "saved_queries" ADD CONSTRAINT "saved_queries_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "saved_queries" ADD CONSTRAINT "saved_queries_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
