import { AppError, AlertFileSchema, type AlertFile } from '@kubetrail/contracts';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { CoreDeps } from '../shared/deps';
import type { AlertSettings } from './alert-settings';
import { saveChannel } from './alert-channels';
import { saveRule } from './alert-rules';

export interface AppliedItem {
  type: 'channel' | 'rule';
  name: string;
  result: 'created' | 'updated' | 'unchanged';
  warnings: string[];
}

const MAX_FILE_BYTES = 1 << 20;

/**
 * Parses a detection-as-code file. Problems name the line and the field
 * (`line 7: rules[0].everyMinuts: unrecognized key`). Channel settings may
 * name environment variables as `${NAME}`, so secrets stay out of the file.
 */
export function parseAlertFile(source: string, env: Record<string, string | undefined>): AlertFile {
  if (Buffer.byteLength(source) > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `the file is over ${MAX_FILE_BYTES} bytes`);
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const at = lines.linePos(yamlError.pos[0]);
    throw new AppError('BAD_REQUEST', `line ${at.line}, column ${at.col}: ${yamlError.message.split('\n')[0]}`);
  }
  const parsed = AlertFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = [...issue.path, ...('keys' in issue && Array.isArray(issue.keys) ? [issue.keys[0] as string] : [])];
    const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || 'file';
    throw new AppError('BAD_REQUEST', `${lineOf(doc, lines, path)}${field}: ${issue.message}`, { field });
  }
  for (const [i, channel] of parsed.data.channels.entries())
    channel.settings = substitute(channel.settings, env, `channels[${i}].settings`);
  return parsed.data;
}

/** Applies a file: channels first (rules name them), then rules; what is already as written is left alone. */
export async function applyAlertFile(deps: CoreDeps, settings: AlertSettings, project: string, file: AlertFile): Promise<AppliedItem[]> {
  const applied: AppliedItem[] = [];
  const result = (created: boolean, changed: boolean) => (created ? 'created' : changed ? 'updated' : 'unchanged');
  for (const channel of file.channels) {
    const saved = await saveChannel(deps, settings, project, channel);
    applied.push({ type: 'channel', name: channel.name, result: result(saved.created, saved.changed), warnings: [] });
  }
  for (const rule of file.rules) {
    const saved = await saveRule(deps, project, rule);
    applied.push({ type: 'rule', name: rule.name, result: result(saved.created, saved.changed), warnings: saved.warnings });
  }
  return applied;
}

function lineOf(doc: ReturnType<typeof parseDocument>, lines: LineCounter, path: PropertyKey[]): string {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return `line ${lines.linePos(node.range[0]).line}: `;
  }
  return '';
}

function substitute(settings: Record<string, unknown>, env: Record<string, string | undefined>, where: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(settings).map(([key, value]) => {
      if (typeof value !== 'string') return [key, value];
      return [
        key,
        value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
          const found = env[name];
          if (found === undefined)
            throw new AppError('BAD_REQUEST', `${where}.${key} names the environment variable ${name}, which is not set`);
          return found;
        }),
      ];
    }),
  );
}
