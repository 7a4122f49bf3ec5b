import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { allowsAddress, allowsHost, type AllowList } from './allow-list';
import { nonPublicReason } from './address-ranges';
import { Refused } from './delivery-result';

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * The addresses of a channel's host, all of them public unless the operator
 * allowed the host or address. The caller connects to these and resolves no
 * more, so a DNS answer that changes in between (rebinding) cannot point the
 * connection at an internal service.
 */
export async function checkedAddresses(hostname: string, allowList: AllowList): Promise<CheckedAddress[]> {
  const literal = isIP(hostname);
  const addresses: CheckedAddress[] =
    literal !== 0
      ? [{ address: hostname, family: literal as 4 | 6 }]
      : (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family as 4 | 6 }));
  if (allowsHost(allowList, hostname)) return addresses;
  for (const { address } of addresses) {
    const reason = nonPublicReason(address);
    if (!reason || allowsAddress(allowList, address)) continue;
    const subject = literal !== 0 ? `${hostname} is` : `${hostname} resolves to ${address},`;
    throw new Refused(`refused: ${subject} ${reason}; an operator can allow it with ALERT_ALLOWED_HOSTS`);
  }
  return addresses;
}
