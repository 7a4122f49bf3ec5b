import { QueryError } from '../../errors';
import { typed, type Typed } from '../../typed';
import { asNumber, asTimestamp, number, text } from '../coerce';
import { toCharPattern } from './date-format';
import { literalString, type FnTable } from './fn';

const TRUNC_UNITS = new Set(['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']);

// Times are shown and cut in UTC: the platform has no per-project time zone.
const utc = (sql: string) => `(${sql} AT TIME ZONE 'UTC')`;

const part = (field: string) => ({
  arity: [1, 1] as [number, number],
  build: ([a]: Typed[]) => number(`floor(extract(${field} FROM ${utc(asTimestamp(a!))}))`),
});

export const TIME_FUNCTIONS: FnTable = {
  now: { arity: [0, 0], build: () => typed('now()', 'timestamp') },
  from_unixtime: { arity: [1, 1], build: ([a]) => typed(`to_timestamp(${asNumber(a!)})`, 'timestamp') },
  to_unixtime: { arity: [1, 1], build: ([a]) => number(`extract(epoch FROM ${asTimestamp(a!)})`) },
  date_format: {
    arity: [2, 2],
    literalArgs: [1],
    build: ([a], call, ctx) => {
      const pattern = toCharPattern(literalString(call, 1, ctx, 'format'), ctx.source, call.args[1]!.offset);
      return text(`to_char(${utc(asTimestamp(a!))}, ${ctx.params.add(pattern, 'text')})`);
    },
  },
  date_trunc: {
    arity: [2, 2],
    literalArgs: [0],
    build: ([, b], call, ctx) => {
      const unit = literalString(call, 0, ctx, 'unit').toLowerCase();
      if (!TRUNC_UNITS.has(unit)) throw new QueryError(`date_trunc: unknown unit '${unit}'`, ctx.source, call.args[0]!.offset);
      // The unit is one of the words above, so it can be SQL text.
      return typed(`date_trunc('${unit}', ${asTimestamp(b!)}, 'UTC')`, 'timestamp');
    },
  },
  year: part('year'),
  month: part('month'),
  day: part('day'),
  hour: part('hour'),
  minute: part('minute'),
  second: part('second'),
  day_of_week: part('isodow'),
  day_of_year: part('doy'),
};
