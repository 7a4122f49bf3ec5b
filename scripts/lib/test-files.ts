import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIP = new Set(['node_modules', '.next', 'dist', '.turbo', 'generated', '.git']);

/** Test files under the workspace folders whose names end with `suffix`, excluding the other tiers' suffixes. */
export function findTests(root: string, accept: (file: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (accept(entry.name)) out.push(relative(root, path));
    }
  };
  for (const top of ['apps', 'packages', 'tests']) walk(join(root, top));
  return out.sort();
}

export const TIERS = {
  unit: (f: string) => f.endsWith('.test.ts') && !f.endsWith('.int.test.ts') && !f.endsWith('.e2e.test.ts'),
  integration: (f: string) => f.endsWith('.int.test.ts'),
  e2e: (f: string) => f.endsWith('.e2e.test.ts'),
} as const;
