import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source from the monorepo root.
  turbopack: { root: join(dirname(fileURLToPath(import.meta.url)), '..', '..') },
  serverExternalPackages: ['pg', 'pg-query-stream', 'pg-copy-streams', '@prisma/client', '@prisma/adapter-pg'],
  poweredByHeader: false,
};

export default config;
