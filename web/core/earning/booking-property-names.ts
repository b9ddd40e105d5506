import type { BookingPropertyConfig } from './booking-property-config';

/** What a line-item property tells us about the appointment. */
export type PropertyRole = 'start' | 'date' | 'time' | 'end' | 'duration';

// Built-in names, compared after normalizePropertyName (so "Date & time", "date_time" and
// "DATE/TIME" are all "datetime"). Matching is exact rather than by substring so that a product
// option such as "Engraving date" is never mistaken for an appointment. Order within a list is
// priority order. 'start' names usually hold a full date-time; 'date' names usually a date, maybe
// with a time; the value decides in the end, so a misfiled name still works.
const BUILT_IN_NAMES: Record<PropertyRole, readonly string[]> = {
  start: [
    'appointmentstart', 'bookingstart', 'appointmentstarttime', 'bookingstarttime', 'startdatetime', 'startdate',
    'appointmentdatetime', 'bookingdatetime', 'appointmentdateandtime', 'bookingdateandtime',
    'appointment', 'appointmentdate', 'appointmenttime', 'bookingdate', 'booking', 'bookingtime',
    'datetime', 'dateandtime', 'when', 'start', 'starttime', 'starts', 'startsat',
    'reservationdate', 'reservation', 'eventdate', 'classdate', 'sessiondate', 'session', 'selecteddate', 'slot', 'timeslot',
    // Dutch, Danish, Polish, Ukrainian: "date and time" and "appointment".
    'datumentijd', 'afspraak', 'datoogtid', 'tidspunkt', 'aftale', 'dataigodzina', 'termin', 'wizyta', 'датаічас', 'запис',
  ],
  date: ['date', 'day', 'datum', 'dato', 'data', 'dzień', 'дата', 'день'],
  time: ['time', 'tijd', 'tid', 'godzina', 'czas', 'час', 'hour', 'uur', 'klokkeslæt'],
  end: [
    'appointmentend', 'bookingend', 'appointmentendtime', 'bookingendtime', 'enddatetime', 'end', 'endtime', 'ends', 'endsat',
    'einde', 'eindtijd', 'slut', 'sluttid', 'koniec', 'кінець',
  ],
  duration: [
    'appointmentduration', 'bookingduration', 'duration', 'length', 'durationminutes',
    'duur', 'varighed', 'czastrwania', 'тривалість',
  ],
};

/** Lower case, accents folded, every non-letter/digit dropped: "_Date & Time" -> "datetime". */
export function normalizePropertyName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Shopify hides line-item properties whose name starts with "_"; booking apps put machine values there. */
export function isHiddenProperty(name: string): boolean {
  return name.startsWith('_');
}

export interface PropertyMatch {
  role: PropertyRole;
  configured: boolean;
  /** Position within the configured or built-in list; lower wins. */
  rank: number;
}

const CONFIG_KEYS: Record<PropertyRole, keyof BookingPropertyConfig> = {
  start: 'startKeys',
  date: 'dateKeys',
  time: 'timeKeys',
  end: 'endKeys',
  duration: 'durationKeys',
};

const ROLES: readonly PropertyRole[] = ['start', 'date', 'time', 'end', 'duration'];
const NORMALIZED_BUILT_INS = Object.fromEntries(
  ROLES.map((role) => [role, BUILT_IN_NAMES[role].map(normalizePropertyName)]),
) as Record<PropertyRole, string[]>;

/** The role a property name plays, configured names first; undefined for unrelated properties. */
export function matchPropertyName(name: string, config: BookingPropertyConfig | undefined): PropertyMatch | undefined {
  const key = normalizePropertyName(name);
  if (key === '') return undefined;
  for (const role of ROLES) {
    const configured = (config?.[CONFIG_KEYS[role]] as string[] | undefined) ?? [];
    const rank = configured.map(normalizePropertyName).indexOf(key);
    if (rank >= 0) return { role, configured: true, rank };
  }
  for (const role of ROLES) {
    const rank = NORMALIZED_BUILT_INS[role].indexOf(key);
    if (rank >= 0) return { role, configured: false, rank };
  }
  return undefined;
}
