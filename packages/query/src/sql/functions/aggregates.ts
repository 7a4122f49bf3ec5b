import { typed, type Typed } from '../../typed';
import { asBool, asNumber, asText, number } from '../coerce';
import { failArgument, literalNumber, type FnTable } from './fn';

/** min/max need an ordered type: JSON and arrays compare as their text, booleans through bool_or/bool_and. */
const extreme = (name: 'min' | 'max') => ({
  arity: [1, 1] as [number, number],
  aggregate: true,
  build: ([a]: Typed[]) => {
    if (a!.type === 'bool') return typed(`${name === 'max' ? 'bool_or' : 'bool_and'}(${a!.sql})`, 'bool');
    if (a!.type === 'json' || a!.type === 'textarray') return typed(`${name}(${asText(a!)})`, 'text');
    return typed(`${name}(${a!.sql})`, a!.type);
  },
});

const numeric = (pg: string) => ({
  arity: [1, 1] as [number, number],
  aggregate: true,
  build: ([a]: Typed[]) => number(`${pg}(${asNumber(a!)})`),
});

const pick = (direction: 'ASC' | 'DESC') => ({
  arity: [2, 2] as [number, number],
  aggregate: true,
  build: ([x, by]: Typed[]) =>
    typed(`(array_agg(${x!.sql} ORDER BY ${by!.sql} ${direction}) FILTER (WHERE ${by!.sql} IS NOT NULL))[1]`, x!.type),
});

/** A count over rollup rows: their weights added up (0, not NULL, when none match). */
const weighted = (weight: string, filter: string | null) => `coalesce(sum(${weight})${filter ? ` FILTER (WHERE ${filter})` : ''}, 0)`;

export const AGGREGATES: FnTable = {
  count: {
    arity: [1, 1],
    aggregate: true,
    build: ([a], call, ctx) => {
      const arg = call.args[0]!;
      // count(1), count(*), count('x'): rows, as in Presto.
      const rows = !call.distinct && (arg.kind === 'star' || arg.kind === 'number' || arg.kind === 'string');
      if (ctx.weight && !call.distinct) return number(weighted(ctx.weight, rows ? null : `${a!.sql} IS NOT NULL`));
      return number(rows ? 'count(*)' : `count(${call.distinct ? 'DISTINCT ' : ''}${a!.sql})`);
    },
  },
  count_if: {
    arity: [1, 1],
    aggregate: true,
    build: ([a], _call, ctx) => number(ctx.weight ? weighted(ctx.weight, asBool(a!)) : `count(*) FILTER (WHERE ${asBool(a!)})`),
  },
  sum: numeric('sum'),
  avg: numeric('avg'),
  stddev: numeric('stddev_samp'),
  stddev_samp: numeric('stddev_samp'),
  stddev_pop: numeric('stddev_pop'),
  variance: numeric('var_samp'),
  var_samp: numeric('var_samp'),
  var_pop: numeric('var_pop'),
  min: extreme('min'),
  max: extreme('max'),
  min_by: pick('ASC'),
  max_by: pick('DESC'),
  bool_and: { arity: [1, 1], aggregate: true, build: ([a]) => typed(`bool_and(${asBool(a!)})`, 'bool') },
  bool_or: { arity: [1, 1], aggregate: true, build: ([a]) => typed(`bool_or(${asBool(a!)})`, 'bool') },
  // Exact rather than approximate: the same answer, at PostgreSQL's cost.
  approx_distinct: { arity: [1, 1], aggregate: true, build: ([a]) => number(`count(DISTINCT ${a!.sql})`) },
  approx_percentile: {
    arity: [2, 2],
    aggregate: true,
    literalArgs: [1],
    build: ([a], call, ctx) => {
      const p = literalNumber(call, 1, ctx, 'percentage');
      if (!(p >= 0 && p <= 1)) failArgument('the percentage must be between 0 and 1', call, 1, ctx);
      return number(`percentile_cont(${p}) WITHIN GROUP (ORDER BY (${asNumber(a!)})::double precision)`);
    },
  },
  arbitrary: {
    arity: [1, 1],
    aggregate: true,
    build: ([a]) => typed(`(array_agg(${a!.sql}) FILTER (WHERE ${a!.sql} IS NOT NULL))[1]`, a!.type),
  },
  // How often each value occurs, as a JSON object (SLS answers a map).
  histogram: { arity: [1, 1], aggregate: true, build: ([a]) => typed(`kt_histogram(${asText(a!)})`, 'json') },
};
