import { readFileSync } from 'node:fs';
import { Reader, type Response } from 'maxmind';
import { AsnTable } from './asn-table';
import { DATA_FILES } from './data-files';
import { addressFamily, ipv4Number, ipv6Number } from './ip-number';

/** Where an address is, as the dialect's ip_to_* functions answer. */
export interface IpLocation {
  country: string | null;
  province: string | null;
  city: string | null;
  provider: string | null;
}

// The DB-IP city databases' own record shape, not MaxMind's GeoIP2 one.
interface CityRecord {
  country_code?: string;
  state1?: string;
  city?: string;
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

const orNull = (s: string | undefined) => (s ? s : null);

/**
 * Locates public addresses in the offline databases. Each database loads on
 * first use (IPv6 ones only when an IPv6 address shows up), so a process
 * that never locates anything never pays for them.
 */
export class GeoIp {
  private cityV4?: Reader<Response>;
  private cityV6?: Reader<Response>;
  private asnV4?: AsnTable<number>;
  private asnV6?: AsnTable<bigint>;

  /** null for what is not an address, and for addresses the databases do not know (private ones among them) */
  locate(ip: string): IpLocation | null {
    const family = addressFamily(ip);
    if (family === null) return null;
    const city = (family === 4 ? this.v4City() : this.v6City()).get(ip) as CityRecord | null;
    const provider = family === 4 ? this.v4Asn().provider(ipv4Number(ip)) : this.v6Asn().provider(ipv6Number(ip));
    if (!city?.country_code && !provider) return null;
    return {
      country: city?.country_code ? (countryNames.of(city.country_code) ?? city.country_code) : null,
      province: orNull(city?.state1),
      city: orNull(city?.city),
      provider,
    };
  }

  private v4City() {
    return (this.cityV4 ??= new Reader<Response>(readFileSync(DATA_FILES.cityV4)));
  }

  private v6City() {
    return (this.cityV6 ??= new Reader<Response>(readFileSync(DATA_FILES.cityV6)));
  }

  private v4Asn() {
    return (this.asnV4 ??= AsnTable.load(DATA_FILES.asnV4, Number));
  }

  private v6Asn() {
    return (this.asnV6 ??= AsnTable.load(DATA_FILES.asnV6, BigInt));
  }
}
