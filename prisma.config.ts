import { defineConfig } from 'prisma/config';

// Only `prisma generate` is used: migrations are plain SQL applied by
// `kubetrail migrate`, because the schema engine cannot be downloaded everywhere.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
