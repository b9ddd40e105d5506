// Wall-clock text of instants in the shop's time zone ("2026-03-01 10:00:00"), for exports read by
// people: fast enough for a million rows. The zone's offset is looked up once per hour of time (time
// zones change offset on the hour or half hour, never in between at a granularity finer than 15 min:
// we key by quarter hour to be exact), and the text is cut from an ISO string of the shifted instant.
import { IANAZone } from 'luxon';

const QUARTER_HOUR_MS = 15 * 60_000;

export type ShopClock = (instantMs: number) => string;

export function shopClock(timezone: string): ShopClock {
  const zone = IANAZone.isValidZone(timezone) ? IANAZone.create(timezone) : IANAZone.create('UTC');
  const offsets = new Map<number, number>();
  return (instantMs) => {
    const bucket = Math.floor(instantMs / QUARTER_HOUR_MS);
    let offsetMs = offsets.get(bucket);
    if (offsetMs === undefined) {
      offsetMs = zone.offset(instantMs) * 60_000;
      offsets.set(bucket, offsetMs);
    }
    const iso = new Date(instantMs + offsetMs).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  };
}

/** The same wall-clock time as a Date whose UTC fields are the shop's local fields (what a spreadsheet shows). */
export function shopWallClockDate(clock: ShopClock, instantMs: number): Date {
  const text = clock(instantMs);
  return new Date(`${text.replace(' ', 'T')}Z`);
}
