// How we recognise our own store credit after a crash. storeCreditAccountCredit takes no idempotency
// key and a credit transaction carries no note: the only thing we choose that the transaction keeps is
// its expiry (`expiresAt`). So every credit we make expires at a second that names its redemption:
// the reward's expiry day (or, for a reward without one, the same day 100 years on — never, in
// practice) at a time of day derived from the redemption id. Before a retry we look for an unrecorded
// credit of exactly our amount with exactly that expiry, created since the redemption: if there is
// one, Shopify applied our credit and we adopt it instead of crediting again.
import { createHash } from 'node:crypto';

const SECONDS_PER_DAY = 86_400;
const NO_EXPIRY_YEARS = 100;

export function storeCreditExpiresAt(redemption: { id: string; expiresOn: string | null; createdAt: Date }): string {
  const day = redemption.expiresOn ?? farDay(redemption.createdAt);
  const second = createHash('sha256').update(redemption.id).digest().readUInt32BE(0) % SECONDS_PER_DAY;
  const time = new Date(Date.UTC(2000, 0, 1, 0, 0, second)).toISOString().slice(11, 19);
  return `${day}T${time}Z`;
}

function farDay(from: Date): string {
  const day = new Date(from.getTime());
  day.setUTCFullYear(day.getUTCFullYear() + NO_EXPIRY_YEARS);
  return day.toISOString().slice(0, 10);
}

/** Same instant, whatever the notation (Shopify may answer "…Z" or "+00:00"). */
export function sameInstant(a: string | null, b: string): boolean {
  return a !== null && Date.parse(a) === Date.parse(b);
}
