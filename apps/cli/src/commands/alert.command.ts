import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '@kubetrail/contracts';
import { alertHistory, applyAlertFile, listDetections, listRules, parseAlertFile, testRule } from '@kubetrail/core';
import { run } from '../context';
import { parseDuration } from '../duration';
import { fileVariables, loadCliAlertSettings } from '../env';

type Json = { json?: boolean };
type Project = { project: string };

async function readSource(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('BAD_REQUEST', `cannot read ${file}: ${(error as Error).message}`);
  }
}

/** `kubetrail alert …`: detection-as-code over the same rules and channels the console edits. */
export function registerAlert(program: Command): void {
  const alert = program.command('alert').description('alert rules and channels: apply a file, list, history, test against past events');

  alert
    .command('apply')
    .description('creates or updates the channels and rules declared in a YAML file; applying it again changes nothing')
    .requiredOption('--project <project>', 'project id or name')
    .requiredOption('-f, --file <file>', 'YAML file with `channels:` and `rules:`')
    .option('--json', 'machine-readable output')
    .action((opts: Json & Project & { file: string }) =>
      run(opts, async (deps, _url, audit) => {
        // Parsed before connecting, so a bad file is reported with nothing changed.
        const file = parseAlertFile(await readSource(opts.file), fileVariables());
        const applied = await applyAlertFile(deps, loadCliAlertSettings(), opts.project, file);
        const changed = applied.filter((a) => a.result !== 'unchanged');
        if (changed.length > 0)
          await audit({
            projectId: (await deps.db.project.findFirst({ where: { OR: [{ id: opts.project }, { name: opts.project }] } }))?.id ?? null,
            action: 'alert.apply',
            target: { type: 'alert-file', id: opts.file },
            after: changed.map((a) => ({ type: a.type, name: a.name, result: a.result })),
          });
        return opts.json
          ? applied
          : applied.map((a) => ({ [a.type]: a.name, result: a.result, ...(a.warnings.length ? { warnings: a.warnings.join('; ') } : {}) }));
      }),
    );

  alert
    .command('list')
    .description("the project's rules")
    .requiredOption('--project <project>', 'project id or name')
    .option('--json', 'machine-readable output')
    .action((opts: Json & Project) =>
      run(opts, async (deps) => {
        const rules = await listRules(deps, opts.project);
        if (opts.json) return rules;
        return rules.map((r) => ({
          name: r.name,
          enabled: r.enabled,
          severity: r.severity,
          every: `${r.everyMinutes}m over ${r.windowMinutes}m`,
          condition: r.condition,
          channels: r.channels.join(', ') || '-',
          lastWindowEnd: r.lastWindowEnd?.toISOString() ?? '-',
        }));
      }),
    );

  alert
    .command('history')
    .description('evaluations, firings and delivery attempts, newest first')
    .requiredOption('--project <project>', 'project id or name')
    .option('--rule <rule>', 'one rule, by id or name')
    .option('--fired', 'only evaluations that notified or failed')
    .option('--limit <n>', 'evaluations to show', '100')
    .option('--json', 'machine-readable output')
    .action((opts: Json & Project & { rule?: string; fired?: boolean; limit: string }) =>
      run(opts, async (deps) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          throw new AppError('BAD_REQUEST', '--limit must be a whole number from 1 to 1000');
        const history = await alertHistory(deps, opts.project, { rule: opts.rule, firedOnly: opts.fired, limit });
        if (opts.json) return history;
        return history.flatMap((e) => {
          const window = `${e.windowFrom.toISOString()}..${e.windowTo.toISOString()}`;
          const head = { rule: e.rule, window, rows: e.rows, matched: e.matched, fired: e.fired, error: e.error ?? '-' };
          const firings = e.firings.map((f) => ({
            rule: `  ${f.status}`,
            window: f.text.slice(0, 120),
            rows: '',
            matched: '',
            fired: '',
            error:
              f.deliveries
                .map(
                  (d) =>
                    `${d.channel}#${d.attempt} ${d.ok ? 'ok' : 'failed'}${d.responseCode ? ` ${d.responseCode}` : ''}${d.error ? ` ${d.error}` : ''}`,
                )
                .join('; ') || '-',
          }));
          return [head, ...firings];
        });
      }),
    );

  alert
    .command('test')
    .description('replays a rule over past events: the windows in which it would have fired')
    .requiredOption('--project <project>', 'project id or name')
    .requiredOption('--rule <rule>', 'rule id or name')
    .option('--since <duration>', 'how far back (30m, 24h, 7d)', '7d')
    .option('--json', 'machine-readable output')
    .action((opts: Json & Project & { rule: string; since: string }) =>
      run(opts, async (deps) => {
        const now = new Date();
        const result = await testRule(deps, opts.project, opts.rule, new Date(now.getTime() - parseDuration('--since', opts.since)), now);
        if (opts.json) return result;
        const summary = `${result.rule}: would have fired in ${result.firing.length} of ${result.windows} windows${result.skipped ? ` (${result.skipped} older windows not replayed)` : ''}`;
        return [
          { window: summary, rows: '', notified: '' },
          ...result.firing.map((w) => ({ window: `${w.from.toISOString()}..${w.to.toISOString()}`, rows: w.matched, notified: w.fired })),
        ];
      }),
    );

  program
    .command('detections')
    .description('the built-in detections')
    .command('list')
    .description('id, title, severity and MITRE ATT&CK technique of each built-in detection')
    .option('--json', 'machine-readable output')
    .action((opts: Json) =>
      run(opts, async () => {
        const detections = listDetections();
        return opts.json
          ? detections
          : detections.map((d) => ({ id: d.id, title: d.title, severity: d.severity, technique: `${d.technique.id} ${d.technique.name}` }));
      }),
    );
}
