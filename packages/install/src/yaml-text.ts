import { Document, isMap, isScalar, parseDocument, Scalar, visit, type ToStringOptions } from 'yaml';

// No folding: long values (images, URLs, tokens) stay on one line. `[a, b]` as people write it.
const TO_STRING: ToStringOptions = { lineWidth: 0, flowCollectionPadding: false };

/** One line of comment text: line breaks and other control characters become spaces, so text cannot leave its comment. */
export const oneLine = (text: string): string => text.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ');

/** Comment text for the `yaml` package, which writes `#` before each line. */
export const commentText = (lines: readonly string[]): string => lines.map((line) => (line === '' ? '' : ` ${oneLine(line)}`)).join('\n');

/** A YAML document built from plain data (never from text), with comment lines above it. */
export function yamlDocument(value: unknown, header: readonly string[] = []): Document {
  // Shared objects (labels) are written out each time: no anchors and aliases.
  const doc = new Document(value, { aliasDuplicateObjects: false });
  if (header.length > 0) doc.commentBefore = commentText(header);
  return doc;
}

/** Puts comment lines above the key at `path` (a key of a mapping, e.g. `['spec', 'template', 'spec', 'volumes']`). */
export function commentKey(doc: Document, path: readonly (string | number)[], lines: readonly string[]): void {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const key = path[path.length - 1];
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
  if (!pair || !isScalar(pair.key)) throw new Error(`no key at ${path.join('.')}`);
  pair.key.commentBefore = commentText(lines);
}

export const yamlText = (doc: Document): string => serialize(doc);

/** Documents as one multi-document stream. */
export const yamlStream = (docs: readonly Document[]): string => docs.map(serialize).join('---\n');

function serialize(doc: Document): string {
  quoteAmbiguous(doc);
  return doc.toString(TO_STRING);
}

/**
 * Double-quotes every string that, written plain, a YAML 1.1 or 1.2 parser would read as something else.
 * The `yaml` package writes YAML 1.2, but kubectl, kube-apiserver and Compose read through Go parsers
 * with YAML 1.1 habits, where `yes`, `on`, `0:0` or `0777` are not strings.
 */
function quoteAmbiguous(doc: Document): void {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && (readsAs(node.value, '1.1') !== node.value || readsAs(node.value, '1.2') !== node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
}

/** What a parser makes of `text` as a plain scalar; `undefined` if it would not parse cleanly. */
function readsAs(text: string, version: '1.1' | '1.2'): unknown {
  const doc = parseDocument(text, { version });
  return doc.errors.length > 0 || doc.warnings.length > 0 ? undefined : doc.toJS();
}
