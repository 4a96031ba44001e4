import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isReachable } from '@passerelle/webhooks';

/**
 * A `lookup` for http(s).request that refuses to connect when the name now resolves to an address
 * a webhook must not reach. Checked at the connection itself, so a name that passed at
 * registration and was re-pointed since (DNS rebinding) still cannot reach our network.
 */
export function safeLookup(allowLoopback: boolean): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error);
        return;
      }
      const [first] = addresses;
      if (first === undefined || addresses.some((entry) => !isReachable(entry.address, allowLoopback))) {
        callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EBLOCKED' }));
      } else if (options.all) {
        callback(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    });
  }) as LookupFunction;
}
