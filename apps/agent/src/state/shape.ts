/** Minimal guards for the agent's own state files (the agent ships without a schema library of its own). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

export function isIntOrNull(v: unknown): v is number | null {
  return v === null || isInt(v);
}
