/** Splits a PostgreSQL URL into the database name and a URL for the maintenance database. */
export function parseDatabaseUrl(url: string): { database: string; adminUrl: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`DATABASE_URL names no database: ${url}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return { database, adminUrl: admin.toString() };
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
