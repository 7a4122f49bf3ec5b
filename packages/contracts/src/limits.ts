/** Ingest limits (each configurable on the ingest; these are the defaults). */
export const DEFAULT_LIMITS = {
  /** body as received on the wire */
  maxBodyBytes: 16 * 1024 * 1024,
  /** body after gzip decompression; inflating stops here */
  maxInflatedBytes: 64 * 1024 * 1024,
  maxEventsPerBatch: 10_000,
  /** one event, serialized as JSON */
  maxEventBytes: 1024 * 1024,
} as const;
export type IngestLimits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

/** Deeper JSON than this is refused: no audit event nests this far, and PostgreSQL's jsonb has its own limits. */
export const MAX_EVENT_DEPTH = 100;
