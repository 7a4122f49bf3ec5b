import type { AuditEvent } from '@kubetrail/contracts';

const PRIVATE_V4 = [
  [10, 0, 8],
  [172, 16, 12],
  [192, 168, 16],
  [127, 0, 8],
  [169, 254, 16],
  [100, 64, 10],
] as const;

export function isPublicIPv4(ip: string): boolean {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const value = ((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16);
  return !PRIVATE_V4.some(([a, b, bits]) => {
    const mask = (~0 << (32 - bits)) >>> 0;
    return (value & mask) >>> 0 === (((a << 24) | (b << 16)) & mask) >>> 0;
  });
}

export function isHuman(event: AuditEvent): boolean {
  const name = event.user.username;
  return name !== undefined && !name.startsWith('system:');
}

export const DAY_START = new Date('2026-11-23T00:00:00Z');
export const DAY_END = new Date('2026-11-24T00:00:00Z');
