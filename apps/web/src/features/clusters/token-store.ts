'use client';

// A new token lives only in this tab's memory, from the call that made it to
// the install page that shows it: never in storage, never sent back.
const fresh = new Map<string, string>();

export const keepFreshToken = (clusterId: string, token: string): void => void fresh.set(clusterId, token);
export const freshToken = (clusterId: string): string | null => fresh.get(clusterId) ?? null;
