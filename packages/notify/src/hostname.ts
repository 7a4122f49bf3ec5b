import { isIP } from 'node:net';

const LABEL = '[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?';
const HOSTNAME = new RegExp(`^${LABEL}(\\.${LABEL})*\\.?$`, 'i');

/** A DNS name (labels of letters, digits, `-`, `_`) or an IP address without a zone; nothing with a port, path or scheme. */
export function isHostOrIp(value: string): boolean {
  return value.length <= 253 && (HOSTNAME.test(value) || (isIP(value) !== 0 && !value.includes('%')));
}

/** The form hosts are compared in: lower case, no trailing dot, IPv6 without brackets. */
export function normalizeHost(value: string): string {
  return value
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}
