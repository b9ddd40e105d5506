// Calendar dates as YYYY-MM-DD in the admin's own time zone (what a merchant means by "1 March").

export interface DateRange {
  from: string;
  to: string;
}

export function isoDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight of a YYYY-MM-DD string. */
export function parseIsoDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function daysAgo(days: number, from = new Date()): Date {
  const date = new Date(from.getFullYear(), from.getMonth(), from.getDate());
  date.setDate(date.getDate() - days);
  return date;
}

/** The last `days` days including today. */
export function lastDays(days: number, today = new Date()): DateRange {
  return { from: isoDate(daysAgo(days - 1, today)), to: isoDate(today) };
}
