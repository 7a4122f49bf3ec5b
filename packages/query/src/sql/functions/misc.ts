import { typed, type Typed } from '../../typed';
import { asBool, asNumber, asText, bool, commonResult, number, text } from '../coerce';
import type { FnTable } from './fn';

const oneNumber = (sql: (x: string) => string) => ({
  arity: [1, 1] as [number, number],
  build: ([a]: Typed[]) => number(sql(asNumber(a!))),
});
const ipText = (pg: string) => ({ arity: [1, 1] as [number, number], build: ([a]: Typed[]) => text(`${pg}(${asText(a!)})`) });

const choose = (pg: string) => ({
  arity: [1, 100] as [number, number],
  build: (args: Typed[]) => {
    const c = commonResult(args);
    return typed(`${pg}(${c.sqls.join(', ')})`, c.type);
  },
});

export const MISC_FUNCTIONS: FnTable = {
  round: {
    arity: [1, 2],
    build: ([a, b]) => number(b ? `round((${asNumber(a!)})::numeric, (${asNumber(b)})::int)` : `round((${asNumber(a!)})::numeric)`),
  },
  abs: oneNumber((x) => `abs(${x})`),
  floor: oneNumber((x) => `floor(${x})`),
  ceil: oneNumber((x) => `ceil(${x})`),
  ceiling: oneNumber((x) => `ceil(${x})`),
  // PostgreSQL fails where Presto answers NaN; no value is the closer of the two to show.
  sqrt: oneNumber((x) => `(CASE WHEN ${x} >= 0 THEN sqrt(${x}) END)`),
  ln: oneNumber((x) => `(CASE WHEN ${x} > 0 THEN ln(${x}) END)`),
  log10: oneNumber((x) => `(CASE WHEN ${x} > 0 THEN log(${x}) END)`),
  power: { arity: [2, 2], build: ([a, b]) => number(`power((${asNumber(a!)})::double precision, (${asNumber(b!)})::double precision)`) },
  mod: { arity: [2, 2], build: ([a, b]) => number(`(${asNumber(a!)} % nullif(${asNumber(b!)}, 0))`) },
  coalesce: choose('coalesce'),
  greatest: choose('greatest'),
  least: choose('least'),
  nullif: {
    arity: [2, 2],
    build: ([a, b]) => {
      const c = commonResult([a!, b!]);
      return typed(`nullif(${c.sqls[0]}, ${c.sqls[1]})`, c.type);
    },
  },
  if: {
    arity: [2, 3],
    build: ([cond, a, b]) => {
      const c = commonResult(b ? [a!, b] : [a!]);
      return typed(`(CASE WHEN ${asBool(cond!)} THEN ${c.sqls[0]}${b ? ` ELSE ${c.sqls[1]}` : ''} END)`, c.type);
    },
  },
  // Addresses: no value (not an error) for text that is not an address.
  is_subnet_of: { arity: [2, 2], build: ([a, b]) => bool(`kt_is_subnet_of(${asText(a!)}, ${asText(b!)})`) },
  // Geolocation and risk come from the platform's IP database (migration 0004).
  ip_to_domain: ipText('kt_ip_to_domain'),
  ip_to_country: ipText('kt_ip_to_country'),
  ip_to_province: ipText('kt_ip_to_province'),
  ip_to_city: ipText('kt_ip_to_city'),
  ip_to_provider: ipText('kt_ip_to_provider'),
  security_check_ip: { arity: [1, 1], build: ([a]) => number(`kt_security_check_ip(${asText(a!)})`) },
};
