import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;
let last = 0;
// A full collection of a heap this small takes a few ms; four a second keep
// spent batch strings from piling up (measured by bench/agent-rss.bench.ts).
const MIN_INTERVAL_MS = 250;

/**
 * The agent sits beside the apiserver on a tight memory budget. Each batch
 * lives about a second, long enough for V8 to move it to the old generation,
 * where it would pile up for many seconds before a collection. A full
 * collection once a batch is done (a few ms on a heap this small, at most
 * once a second) keeps RSS near its floor.
 */
export function enableEagerCollection(): void {
  setFlagsFromString('--expose-gc');
  gc = runInNewContext('gc') as () => void;
}

export function collectAfterBatch(now = Date.now()): void {
  if (!gc || now - last < MIN_INTERVAL_MS) return;
  last = now;
  gc();
}
