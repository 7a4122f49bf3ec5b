import type { AuditEvent } from '@kubetrail/contracts';

interface Entry {
  micros: number;
  order: number;
  event: AuditEvent;
}

/**
 * Events waiting for their stageTimestamp to arrive, earliest first. A
 * watch's ResponseComplete is known when the request starts but belongs in
 * the log minutes later, when the apiserver would write it.
 */
export class EventHeap {
  private readonly items: Entry[] = [];
  private order = 0;

  get size(): number {
    return this.items.length;
  }

  push(event: AuditEvent, micros: number): void {
    const items = this.items;
    items.push({ micros, order: this.order++, event });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as Entry, items[parent] as Entry)) break;
      [items[i], items[parent]] = [items[parent] as Entry, items[i] as Entry];
      i = parent;
    }
  }

  /** Removes and returns every event stamped at or before `micros`, in order. */
  popUntil(micros: number): AuditEvent[] {
    const out: AuditEvent[] = [];
    while (this.items.length > 0 && (this.items[0] as Entry).micros <= micros) out.push(this.pop());
    return out;
  }

  private pop(): AuditEvent {
    const items = this.items;
    const top = items[0] as Entry;
    const last = items.pop() as Entry;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && before(items[left] as Entry, items[smallest] as Entry)) smallest = left;
        if (right < items.length && before(items[right] as Entry, items[smallest] as Entry)) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest] as Entry, items[i] as Entry];
        i = smallest;
      }
    }
    return top.event;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.micros < b.micros || (a.micros === b.micros && a.order < b.order);
}
