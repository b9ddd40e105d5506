import { Duration } from 'luxon';

// Unit words booking apps write after a number, in the languages we support.
const HOUR_WORDS = ['h', 'hr', 'hrs', 'hour', 'hours', 'u', 'uur', 'uren', 'std', 'stunde', 'stunden', 't', 'time', 'timer', 'godz', 'godzina', 'godziny', 'godzin', 'год', 'година', 'години', 'годин'];
const MINUTE_WORDS = ['m', 'min', 'mins', 'minute', 'minutes', 'minuut', 'minuten', 'minut', 'minutter', 'minuty', 'хв', 'хвилина', 'хвилини', 'хвилин'];
const MINUTES_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ...HOUR_WORDS.map((word) => [word, 60] as const),
  ...MINUTE_WORDS.map((word) => [word, 1] as const),
]);

/** Longer than this is not an appointment length but a typo or a different kind of value. */
const MAX_MINUTES = 7 * 24 * 60;

const AMOUNT_WITH_UNIT = /(\d+)(?:[.,](\d+))?\s*(\p{L}+)\.?/gu;
const FILLER = /^[\s,+&]*(?:and|en|og|i|і|und|et)?[\s,+&]*$/iu;

function minutesFromUnits(text: string): number | undefined {
  let total = 0;
  let consumedUpTo = 0;
  for (const match of text.matchAll(AMOUNT_WITH_UNIT)) {
    const [whole, integer, fraction = '', unit = ''] = match;
    const perUnit = MINUTES_PER_UNIT.get(unit.toLowerCase());
    if (perUnit === undefined || !FILLER.test(text.slice(consumedUpTo, match.index))) return undefined;
    // "1.5 hours": the fraction is at most a few digits of an hour, so rounding to whole minutes is exact enough.
    total += Number(integer) * perUnit + Math.round(Number(`0.${fraction || '0'}`) * perUnit);
    consumedUpTo = match.index + whole.length;
  }
  return consumedUpTo > 0 && FILLER.test(text.slice(consumedUpTo)) ? total : undefined;
}

/**
 * Reads an appointment length in minutes: "60 min", "1h 30m", "1 hour", "1,5 uur", "90" (bare numbers
 * are minutes, which is what every booking app we looked at means), "1:30" (hours:minutes) and ISO
 * "PT1H30M". Undefined when the text is none of these or the length is zero or over a week.
 */
export function parseDurationMinutes(text: string): number | undefined {
  const value = text.trim();
  let minutes: number | undefined;
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(value);
  if (/^\d+$/.test(value)) minutes = Number(value);
  else if (clock) minutes = Number(clock[1]) * 60 + Number(clock[2]);
  else if (/^P/i.test(value)) {
    const iso = Duration.fromISO(value.toUpperCase());
    minutes = iso.isValid ? Math.round(iso.as('minutes')) : undefined;
  } else minutes = minutesFromUnits(value);
  return minutes !== undefined && minutes > 0 && minutes <= MAX_MINUTES ? minutes : undefined;
}
