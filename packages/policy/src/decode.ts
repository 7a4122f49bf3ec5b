import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import { formatFieldPath } from '@kubetrail/contracts';
import type { PolicyIssue } from './types';

type Path = readonly (string | number)[];

/** Returns a problem with the value, or `undefined` when it is fine. */
export type StringCheck = (value: string) => string | undefined;

export type Spec =
  | { type: 'string'; check?: StringCheck }
  | { type: 'boolean' }
  | { type: 'integer' }
  | { type: 'list'; item: Spec }
  | { type: 'stringMap' }
  | { type: 'any' }
  | ObjectSpec;

export interface ObjectSpec {
  type: 'object';
  fields: Record<string, Spec>;
  required?: readonly string[];
  /** Cross-field rules; `report(field, message)` places the message on that field (or on the mapping). */
  check?: (value: Record<string, unknown>, report: (field: string | undefined, message: string) => void) => void;
}

/**
 * Turns a YAML node tree into plain values while checking it against a spec,
 * recording every mismatch with its position and field path.
 */
export class Decoder {
  readonly issues: PolicyIssue[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  report(node: Node | null | undefined, path: Path, message: string, offset?: number): void {
    const at = offset ?? node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(at);
    this.issues.push({ line, column: col, field: formatFieldPath(path), message });
  }

  resolve(node: unknown): Node | null {
    let current = node;
    for (let hops = 0; isAlias(current) && hops < 64; hops++) current = current.resolve(this.doc);
    return (current as Node | undefined) ?? null;
  }

  decode(raw: unknown, spec: Spec, path: Path): unknown {
    const node = this.resolve(raw);
    if (node === null || (isScalar(node) && node.value === null)) return undefined;
    switch (spec.type) {
      case 'any':
        return node.toJSON();
      case 'string':
      case 'boolean':
      case 'integer':
        return this.scalar(node, spec, path);
      case 'list':
        return this.list(node, spec.item, path);
      case 'stringMap':
        return this.stringMap(node, path);
      case 'object':
        return this.object(node, spec, path);
    }
  }

  private scalar(node: Node, spec: Spec & { type: 'string' | 'boolean' | 'integer' }, path: Path): unknown {
    const value = isScalar(node) ? node.value : undefined;
    const ok =
      spec.type === 'string'
        ? typeof value === 'string'
        : spec.type === 'boolean'
          ? typeof value === 'boolean'
          : typeof value === 'number' && Number.isInteger(value);
    if (!ok) {
      const want = spec.type === 'integer' ? 'an integer' : `a ${spec.type}`;
      this.report(node, path, `must be ${want}, got ${describe(node)}`);
      return undefined;
    }
    if (spec.type === 'string' && spec.check) {
      const problem = spec.check(value as string);
      if (problem) this.report(node, path, problem);
    }
    return value;
  }

  private list(node: Node, item: Spec, path: Path): unknown[] | undefined {
    if (!isSeq(node)) {
      this.report(node, path, `must be a list, got ${describe(node)}`);
      return undefined;
    }
    // Items that fail to decode stay as `undefined` so the length still matches the source.
    const out: unknown[] = [];
    node.items.forEach((child, i) => {
      const resolved = this.resolve(child);
      if (resolved === null || (isScalar(resolved) && resolved.value === null)) {
        this.report(resolved, [...path, i], 'must not be empty (null)', resolved ? undefined : node.range?.[0]);
        out.push(undefined);
        return;
      }
      out.push(this.decode(child, item, [...path, i]));
    });
    return out;
  }

  private stringMap(node: Node, path: Path): Record<string, string> | undefined {
    if (!isMap(node)) {
      this.report(node, path, `must be a mapping, got ${describe(node)}`);
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const pair of node.items) {
      const name = this.keyName(pair, path);
      if (name === undefined) continue;
      const value = this.decode(pair.value, { type: 'string' }, [...path, name]);
      if (typeof value === 'string') out[name] = value;
    }
    return out;
  }

  private object(node: Node, spec: ObjectSpec, path: Path): Record<string, unknown> | undefined {
    if (!isMap(node)) {
      this.report(node, path, `must be a mapping, got ${describe(node)}`);
      return undefined;
    }
    const out: Record<string, unknown> = {};
    const keyNodes = new Map<string, Node>();
    const valueNodes = new Map<string, Node>();
    for (const pair of node.items) {
      const name = this.keyName(pair, path);
      if (name === undefined) continue;
      const fieldSpec = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
      if (!fieldSpec) {
        const hint = closest(name, Object.keys(spec.fields));
        this.report(pair.key as Node, [...path, name], `unknown field "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
        continue;
      }
      keyNodes.set(name, pair.key as Node);
      const valueNode = this.resolve(pair.value);
      if (valueNode) valueNodes.set(name, valueNode);
      const value = this.decode(pair.value, fieldSpec, [...path, name]);
      if (value !== undefined) out[name] = value;
    }
    for (const name of spec.required ?? []) {
      const valueNode = valueNodes.get(name);
      const absent = !valueNode || (isScalar(valueNode) && valueNode.value === null);
      if (absent) this.report(keyNodes.get(name) ?? node, [...path, name], 'required field is missing');
    }
    spec.check?.(out, (field, message) => {
      const target = field === undefined ? node : (valueNodes.get(field) ?? keyNodes.get(field) ?? node);
      this.report(target, field === undefined ? path : [...path, field], message);
    });
    return out;
  }

  private keyName(pair: Pair, path: Path): string | undefined {
    const key = this.resolve(pair.key);
    if (isScalar(key) && typeof key.value === 'string') return key.value;
    if (isScalar(key) && (typeof key.value === 'number' || typeof key.value === 'boolean')) {
      this.report(key, [...path, String(key.value)], `field names must be strings, got ${typeof key.value}`);
    } else {
      this.report(key, path, 'field names must be strings');
    }
    return undefined;
  }
}

function describe(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return `string ${JSON.stringify(v)}`;
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  }
  return 'an unsupported value';
}

/** A known field the unknown one was probably meant to be, if any. */
function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    if (candidate.toLowerCase() === lower) return candidate;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
