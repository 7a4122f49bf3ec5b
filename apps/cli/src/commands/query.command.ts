import type { Command } from 'commander';
import { AppError } from '@kubetrail/contracts';
import { runQuery } from '@kubetrail/core';
import { run } from '../context';
import { parseDuration, parseInstant } from '../duration';

const DEFAULT_SINCE = '7d';

interface QueryFlags {
  project: string;
  cluster?: string;
  from?: string;
  to?: string;
  since?: string;
  limit?: string;
  json?: boolean;
}

/** `--from/--to` or `--since`, never both; the last 7 days when neither is given, as in the console. */
function timeRange(opts: QueryFlags, now = new Date()): { from: Date; to: Date } {
  if (opts.since !== undefined && (opts.from !== undefined || opts.to !== undefined))
    throw new AppError('BAD_REQUEST', 'give --since or --from/--to, not both');
  const to = parseInstant('--to', opts.to) ?? now;
  const from = parseInstant('--from', opts.from) ?? new Date(to.getTime() - parseDuration('--since', opts.since ?? DEFAULT_SINCE));
  return { from, to };
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new AppError('BAD_REQUEST', `--limit "${text}" is not a whole number`);
  return Number(text);
}

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description("search a project's events, or analyse them with `… | SELECT … FROM log` (the SLS dialect)")
    .argument('<query>', "e.g. 'verb: delete and objectRef.resource: secrets' or '* | SELECT verb, count(1) AS n FROM log GROUP BY verb'")
    .requiredOption('--project <project>', 'project id or name')
    .option('--cluster <cluster>', 'one cluster of the project (default: all of them)')
    .option('--from <iso>', 'first instant included')
    .option('--to <iso>', 'first instant excluded (default: now)')
    .option('--since <duration>', `how far back from now, e.g. 30m, 24h, 7d (default ${DEFAULT_SINCE})`)
    .option('--limit <n>', 'events to print for a search (default 100, newest first)')
    .option('--json', 'accepted for symmetry: the output is always JSON')
    .action((query: string, opts: QueryFlags) =>
      run({ ...opts, json: true }, async (deps) => {
        const answer = await runQuery(deps, {
          project: opts.project,
          ...(opts.cluster !== undefined ? { cluster: opts.cluster } : {}),
          ...timeRange(opts),
          ...(opts.limit !== undefined ? { limit: parseLimit(opts.limit)! } : {}),
          query,
        });
        if (answer.kind === 'search') return { total: answer.total, events: answer.events };
        if (answer.truncated) process.stderr.write(`kubetrail: only the first ${answer.rows.length} rows are printed\n`);
        return { columns: answer.columns, rows: answer.rows };
      }),
    );
}
