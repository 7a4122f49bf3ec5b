import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** prisma/migrations at the repository root, found from this file's location. */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'prisma', 'migrations');
