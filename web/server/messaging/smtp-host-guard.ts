// A shop owner chooses their own SMTP server, so the host is untrusted input: pointed at 127.0.0.1, a
// private network or the cloud metadata address, the "send a test" button would probe our own network
// (open and closed ports answer differently) and the outbox would relay through internal mail servers.
// The host is resolved once and every address must be public; the connection then goes to the address
// we checked (not to a second lookup that could answer differently), with TLS still verifying the
// certificate against the host name the owner gave. The app's own SMTP server (SMTP_HOST, set by the
// operator) is trusted and not checked.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { SmtpSettings } from './email-transport';

const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) notPublic.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) notPublic.addSubnet(network, prefix, 'ipv6');

/** True for an address anyone on the internet could also reach; false for loopback, private, link-local, metadata, … */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return isPublicAddress(mapped[1]!);
    if (/^::ffff:/i.test(address) || /^::[0-9.]+$/.test(address)) return false;
    return !notPublic.check(address, 'ipv6');
  }
  return !notPublic.check(address, 'ipv4');
}

export class SmtpHostRefusedError extends Error {
  readonly code = 'SMTP_HOST_REFUSED';
  constructor(host: string) {
    super(`The SMTP host ${host} is not a public address (loopback, private, link-local and metadata addresses are refused).`);
    this.name = 'SmtpHostRefusedError';
  }
}

export type LookupAll = (host: string) => Promise<Array<{ address: string }>>;

const lookupAll: LookupAll = (host) => lookup(host, { all: true, verbatim: true });

/** The settings pinned to a checked public address of their host; throws SmtpHostRefusedError otherwise. */
export async function pinToPublicAddress(settings: SmtpSettings, resolve: LookupAll = lookupAll): Promise<SmtpSettings> {
  const host = settings.host.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) ? [{ address: host }] : await resolve(host);
  if (addresses.length === 0 || !addresses.every(({ address }) => isPublicAddress(address))) throw new SmtpHostRefusedError(settings.host);
  return { ...settings, host: addresses[0]!.address, ...(isIP(host) ? {} : { servername: host }) };
}

/**
 * What to connect to: the app's own server as configured; a shop's server pinned to a checked public
 * address, unless private hosts are allowed (demo mode, or the UNSAFE_ development flag).
 */
export async function checkedSmtpSettings(smtp: SmtpSettings & { chosenByShop?: true }, options: { allowPrivateShopHosts: boolean; resolve?: LookupAll }): Promise<SmtpSettings> {
  if (!smtp.chosenByShop || options.allowPrivateShopHosts) return smtp;
  return pinToPublicAddress(smtp, options.resolve);
}
