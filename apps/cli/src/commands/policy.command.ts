import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { AppError, type AuditEvent } from '@kubetrail/contracts';
import {
  advisePolicy,
  applyPolicy,
  attributesFromEvent,
  evaluatePolicy,
  lintPolicy,
  parsePolicy,
  PolicyError,
  type CompiledPolicy,
} from '@kubetrail/policy';
import { replayPolicy, type ReplayReport } from '@kubetrail/core';
import { run } from '../context';
import { parseDuration } from '../duration';
import { fail, print } from '../output';

type Json = { json?: boolean };

function readPolicyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('BAD_REQUEST', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * Reads NDJSON audit events from stdin and writes one output line per input
 * line; a line that is not an event gets `{"line","error"}` and makes the
 * command exit non-zero once the input is done.
 */
async function eachStdinEvent(write: (event: AuditEvent) => string | null): Promise<number> {
  let lineNo = 0;
  let bad = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    let out: string | null;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
      out = write(value as AuditEvent);
    } catch (error) {
      bad++;
      out = JSON.stringify({ line: lineNo, error: (error as Error).message });
    }
    if (out !== null && !process.stdout.write(`${out}\n`)) await new Promise((r) => process.stdout.once('drain', r));
  }
  return bad;
}

function withPolicy(opts: Json & { policy: string }, run: (policy: CompiledPolicy) => Promise<number>): Promise<void> {
  let policy: CompiledPolicy;
  try {
    policy = parsePolicy(readPolicyFile(opts.policy));
  } catch (error) {
    fail(error, opts);
  }
  return run(policy).then((bad) => {
    if (bad > 0) fail(new AppError('BAD_REQUEST', `${bad} input line(s) were not audit events`), opts);
  });
}

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('audit policies (kube-apiserver semantics): check, evaluate, apply');

  policy
    .command('lint <file>')
    .description(
      'exit 0 when the policy is valid (likely mistakes are printed as warnings); otherwise each problem with its line and field',
    )
    .option('--json', 'machine-readable output')
    .action((file: string, opts: Json) => {
      try {
        const source = readPolicyFile(file);
        const issues = lintPolicy(source);
        if (issues.length > 0) throw new PolicyError(issues);
        const warnings = advisePolicy(parsePolicy(source));
        if (opts.json) print({ file, valid: true, warnings }, opts);
        else {
          for (const w of warnings) process.stderr.write(`${file}:${w.line}: warning: ${w.message} [${w.code}]\n`);
          print(`${file}: valid${warnings.length ? ` (${warnings.length} warning${warnings.length > 1 ? 's' : ''})` : ''}`, opts);
        }
      } catch (error) {
        fail(error, opts);
      }
    });

  policy
    .command('eval')
    .description('read audit events (NDJSON) on stdin; print the level and omitted stages the policy gives each request')
    .requiredOption('--policy <file>', 'policy YAML or JSON')
    .option('--json', 'accepted for symmetry: the output is always NDJSON')
    .action((opts: Json & { policy: string }) =>
      withPolicy(opts, (compiled) =>
        eachStdinEvent((event) => {
          const decision = evaluatePolicy(compiled, attributesFromEvent(event));
          return JSON.stringify({ auditID: event.auditID, stage: event.stage, level: decision.level, omitStages: decision.omitStages });
        }),
      ),
    );

  policy
    .command('apply')
    .description('read audit events (NDJSON) on stdin; print those the policy keeps, trimmed to their level')
    .requiredOption('--policy <file>', 'policy YAML or JSON')
    .option('--json', 'accepted for symmetry: the output is always NDJSON')
    .action((opts: Json & { policy: string }) =>
      withPolicy(opts, (compiled) =>
        eachStdinEvent((event) => {
          const kept = applyPolicy(compiled, event);
          return kept ? JSON.stringify(kept) : null;
        }),
      ),
    );

  policy
    .command('replay')
    .description("replay a cluster's stored events through a proposed policy: per rule what it keeps, dead rules, and the change in volume")
    .requiredOption('--cluster <cluster>', 'cluster id or name')
    .requiredOption('--policy <file>', 'the proposed policy (YAML or JSON)')
    .option('--since <duration>', 'how far back to replay (30m, 24h, 7d)', '7d')
    .option('--json', 'machine-readable output')
    .action((opts: Json & { cluster: string; policy: string; since: string }) =>
      run(opts, async (deps) => {
        const report = await replayPolicy(deps, {
          cluster: opts.cluster,
          source: readPolicyFile(opts.policy),
          sinceMs: parseDuration('--since', opts.since),
        });
        return opts.json ? report : renderReplay(report);
      }),
    );
}

const gb = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(3)} GB/month`;

function renderReplay(r: ReplayReport): string {
  const rows = (r.proposed.rules ?? []).map(
    (t) =>
      `  rules[${t.rule}] line ${t.line} ${t.level.padEnd(15)} matched ${String(t.matched).padStart(9)}  kept ${String(t.keptEvents).padStart(9)} (${(t.keptBytes / 1e6).toFixed(1)} MB; Metadata ${t.keptAt.Metadata}, Request ${t.keptAt.Request}, RequestResponse ${t.keptAt.RequestResponse})${t.matched === 0 ? '  DEAD' : ''}`,
  );
  return [
    `cluster ${r.clusterId}: ${r.proposed.events} stored events from ${r.from} to ${r.to}`,
    ...rows,
    `  no rule matched: ${r.proposed.unmatched} events (dropped)`,
    `proposed keeps ${r.perDay.proposedEvents} events/day (${r.gbPerMonth.proposed.toFixed(3)} GB/month); current ${r.currentPolicyVersion === null ? '(no policy: everything)' : `policy v${r.currentPolicyVersion}`} keeps ${r.perDay.currentEvents} events/day (${r.gbPerMonth.current.toFixed(3)} GB/month)`,
    `difference: ${r.perDay.differenceEvents >= 0 ? '+' : ''}${r.perDay.differenceEvents} events/day, ${gb(r.gbPerMonth.difference)}`,
    r.proposed.deadRules.length
      ? `dead rules (never matched): ${r.proposed.deadRules.map((i) => `rules[${i}]`).join(', ')}`
      : 'no dead rules',
  ].join('\n');
}
